package org.nicmanager.dos.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.dos.engine.Responder;
import org.nicmanager.dos.engine.Victim;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VnicAssigner;
import org.nicmanager.kernel.api.vm.VnicInfo;

/**
 * Fails the victim's virtual NICs over from the attacked uplink set to the policy's alternate one, as if to a second
 * broadband connection ([0128]). Undone by assigning them back. Once moved, the victim no longer sees the attack on the
 * old set, so the attack is recorded as ended soon after; the policy's quiet time decides when the VM returns, and an
 * attack still going on then is detected again.
 */
public final class FailOverToAlternate implements Responder {

    private final VmRegistry vms;
    private final VnicAssigner assigner;

    public FailOverToAlternate(VmRegistry vms, VnicAssigner assigner) {
        this.vms = vms;
        this.assigner = assigner;
    }

    @Override
    public Outcome apply(Victim victim) {
        String alternate = victim.policy().alternateUplink();
        VmInfo vm = vms.vm(victim.vm()).orElseThrow(() -> new IllegalArgumentException("VM " + victim.vm()
                + " is gone"));
        Map<String, String> moved = new LinkedHashMap<>(); // virtual NIC -> the uplink it came from
        try {
            for (VnicInfo vnic : vm.vnics()) {
                if (victim.attackedUplinks().contains(vnic.uplink()) && !alternate.equals(vnic.uplink())) {
                    assigner.assign(vnic.name(), alternate);
                    moved.put(vnic.name(), vnic.uplink());
                }
            }
        } catch (IllegalArgumentException refused) {
            moved.forEach(assigner::assign); // all or nothing: the ones already moved go back
            throw refused;
        }
        if (moved.isEmpty()) {
            return new Outcome("no virtual NIC of VM " + victim.vm() + " on " + victim.attackedUplinks()
                    + " to move to " + alternate, null);
        }
        List<String> moves = new ArrayList<>();
        moved.forEach((vnic, from) -> moves.add(vnic + " " + from + " -> " + alternate));
        return new Outcome("moved " + moves, () -> {
            List<String> back = new ArrayList<>();
            moved.forEach((vnic, from) -> {
                assigner.assign(vnic, from);
                back.add(vnic + " " + alternate + " -> " + from);
            });
            return "moved back " + back;
        });
    }
}
