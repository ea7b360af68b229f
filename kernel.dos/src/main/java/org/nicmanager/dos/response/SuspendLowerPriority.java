package org.nicmanager.dos.response;

import java.util.List;
import java.util.Map;

import org.nicmanager.dos.engine.Responder;
import org.nicmanager.dos.engine.Victim;
import org.nicmanager.kernel.api.dos.DosTopics;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;

/**
 * Suspends the running VMs that share the victim's attacked uplinks and whose priority is below both the victim's and
 * the engine's {@code suspendBelowPriority}, so that the bandwidth left on that uplink goes to the VMs that matter more
 * ([0126]; claims 1-3). A VM on another uplink takes nothing from the victim's, so it is never touched. The event
 * names the VMs suspended, the uplinks and the bound. Undone by resuming them (each resumes once nothing else holds it
 * suspended).
 */
public final class SuspendLowerPriority implements Responder {

    private final VmManager vms;

    public SuspendLowerPriority(VmManager vms) {
        this.vms = vms;
    }

    @Override
    public Outcome apply(Victim victim) {
        int below = Math.min(victim.priority(), victim.suspendBelowPriority());
        List<String> uplinks = victim.attackedUplinks();
        List<VmInfo> lower = vms.vms().stream().filter(vm -> vm.state() == VmState.RUNNING)
                .filter(vm -> !vm.name().equals(victim.vm()))
                .filter(vm -> vm.priority() < below)
                .filter(vm -> vm.vnics().stream().anyMatch(vnic -> uplinks.contains(vnic.uplink())))
                .toList();
        String cause = cause(victim.vm());
        for (VmInfo vm : lower) {
            vms.suspendFor(vm.name(), cause);
        }
        List<String> names = lower.stream().map(VmInfo::name).toList();
        Map<String, Object> properties = Map.of(DosTopics.SUSPENDED_VMS, names, DosTopics.UPLINKS, uplinks,
                DosTopics.BELOW_PRIORITY, below);
        String scope = "(priority below " + below + ", sharing " + String.join(", ", uplinks) + " with VM "
                + victim.vm() + ")";
        if (names.isEmpty()) {
            return new Outcome("no running VM to suspend " + scope, null, properties);
        }
        return new Outcome("suspended " + String.join(", ", names) + " " + scope, () -> {
            names.forEach(vm -> {
                if (vms.vm(vm).isPresent()) {
                    vms.resumeFor(vm, cause);
                }
            });
            return "resumed " + String.join(", ", names) + " unless something else holds them suspended";
        }, properties);
    }

    static String cause(String victim) {
        return "DoS attack on VM " + victim;
    }
}
