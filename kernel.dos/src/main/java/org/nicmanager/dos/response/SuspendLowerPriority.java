package org.nicmanager.dos.response;

import java.util.List;

import org.nicmanager.dos.engine.Responder;
import org.nicmanager.dos.engine.Victim;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;

/**
 * Suspends the running VMs of lower priority than the victim that share its attacked uplinks, so that the bandwidth
 * left goes to the VMs that matter more ([0126]; claims 1-3). Undone by resuming them (each resumes once nothing else
 * holds it suspended).
 */
public final class SuspendLowerPriority implements Responder {

    private final VmManager vms;

    public SuspendLowerPriority(VmManager vms) {
        this.vms = vms;
    }

    @Override
    public Outcome apply(Victim victim) {
        List<VmInfo> lower = vms.vms().stream().filter(vm -> vm.state() == VmState.RUNNING)
                .filter(vm -> vm.priority() < victim.priority())
                .filter(vm -> vm.vnics().stream().anyMatch(vnic -> victim.attackedUplinks().contains(vnic.uplink())))
                .toList();
        String cause = cause(victim.vm());
        for (VmInfo vm : lower) {
            vms.suspendFor(vm.name(), cause);
        }
        List<String> names = lower.stream().map(VmInfo::name).toList();
        if (names.isEmpty()) {
            return new Outcome("no running VM of priority below " + victim.priority() + " on "
                    + victim.attackedUplinks(), null);
        }
        return new Outcome("suspended " + names + " (priority below " + victim.priority() + ") on "
                + victim.attackedUplinks(), () -> {
                    names.forEach(vm -> {
                        if (vms.vm(vm).isPresent()) {
                            vms.resumeFor(vm, cause);
                        }
                    });
                    return "resumed " + names + " unless something else holds them suspended";
                });
    }

    static String cause(String victim) {
        return "DoS attack on VM " + victim;
    }
}
