package org.nicmanager.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

/**
 * What a host's record says of its network, from what kernel.api shows: each bond and each NIC in no bond is an
 * uplink; its capacity is the line rate of the NICs that carry traffic now (a bond's ACTIVE members, an unbonded NIC
 * that is up); its reserved bandwidth is the reservations of the VMs running or suspended with a vNIC on it. The
 * headroom is what is left, summed over the uplinks: the room for another VM's reservation somewhere on the host. A VM
 * running with no vNIC on any uplink yet (a cluster VM placed here, its vNICs still to come) takes its reservation from
 * that sum, so that placements do not count the same room twice.
 */
public final class HostDescription {

    /** The uplinks and headroom of a host, and how many of its VMs run. */
    public record Network(List<HostRecord.UplinkRecord> uplinks, long headroomBps, int runningVms) {
    }

    private HostDescription() {
    }

    /**
     * @param reservations each VM's reservation in bits per second (VMs without one may be missing)
     */
    public static Network describe(List<BondInfo> bonds, List<NicInfo> nics, List<VmInfo> vms,
            Map<String, Long> reservations) {
        Map<String, NicInfo> nicByName = new HashMap<>();
        nics.forEach(nic -> nicByName.put(nic.name(), nic));
        Map<String, Long> reserved = reservedPerUplink(vms, reservations);
        List<HostRecord.UplinkRecord> uplinks = new ArrayList<>();
        Set<String> bonded = new HashSet<>();
        for (BondInfo bond : bonds) {
            long capacity = 0;
            List<String> members = new ArrayList<>();
            for (BondMember member : bond.members()) {
                members.add(member.name());
                bonded.add(member.name());
                NicInfo nic = nicByName.get(member.name());
                if (member.active() && nic != null) {
                    capacity += nic.speedBps();
                }
            }
            uplinks.add(new HostRecord.UplinkRecord(bond.name(), members, capacity,
                    reserved.getOrDefault(bond.name(), 0L)));
        }
        for (NicInfo nic : nics) {
            if (!bonded.contains(nic.name())) {
                long capacity = nic.state() == LinkState.UP ? nic.speedBps() : 0;
                uplinks.add(new HostRecord.UplinkRecord(nic.name(), List.of(nic.name()), capacity,
                        reserved.getOrDefault(nic.name(), 0L)));
            }
        }
        long unplaced = vms.stream().filter(vm -> holdsItsReservation(vm) && vm.vnics().stream().noneMatch(
                vnic -> vnic.uplink() != null && !vnic.uplink().isEmpty()))
                .mapToLong(vm -> reservations.getOrDefault(vm.name(), 0L)).sum();
        long headroom = Math.max(0, uplinks.stream().mapToLong(HostRecord.UplinkRecord::headroomBps).sum() - unplaced);
        int running = (int) vms.stream().filter(HostDescription::holdsItsReservation).count();
        return new Network(uplinks, headroom, running);
    }

    private static Map<String, Long> reservedPerUplink(List<VmInfo> vms, Map<String, Long> reservations) {
        Map<String, Long> reserved = new HashMap<>();
        for (VmInfo vm : vms) {
            long reservation = reservations.getOrDefault(vm.name(), 0L);
            if (reservation <= 0 || !holdsItsReservation(vm)) {
                continue;
            }
            Set<String> uplinks = new HashSet<>();
            for (VnicInfo vnic : vm.vnics()) {
                if (vnic.uplink() != null && !vnic.uplink().isEmpty()) {
                    uplinks.add(vnic.uplink());
                }
            }
            uplinks.forEach(uplink -> reserved.merge(uplink, reservation, Long::sum));
        }
        return reserved;
    }

    private static boolean holdsItsReservation(VmInfo vm) {
        return vm.state() == VmState.RUNNING || vm.state() == VmState.SUSPENDED;
    }
}
