package org.nicmanager.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

class HostDescriptionTest {

    private static final long GBPS = 1_000_000_000L;

    private static NicInfo nic(String name, long speed, LinkState state) {
        return new NicInfo(name, "e1000sim", "02:00:00:00:00:01", speed, 1500, state);
    }

    private static VmInfo vm(String name, VmState state, String uplink) {
        return new VmInfo(name, state, 5, List.of(new VnicInfo(name + "-0", "02:00:00:00:01:01", "vmxnet3", uplink)));
    }

    @Test
    void uplinksCarryTheirActiveMembersAndRunningVmsReservationsAreTakenFromTheirHeadroom() {
        BondInfo bond = new BondInfo("bond0", "round-robin", LacpMode.OFF, FailbackMode.IMMEDIATE, List.of(
                new BondMember("vmnic0", LinkState.UP, true, 0, 0),
                new BondMember("vmnic1", LinkState.DOWN, false, 0, 0)), 0, 0);
        List<NicInfo> nics = List.of(nic("vmnic0", GBPS, LinkState.UP), nic("vmnic1", GBPS, LinkState.DOWN),
                nic("vmnic2", GBPS / 10, LinkState.UP), nic("vmnic3", GBPS, LinkState.DOWN));
        List<VmInfo> vms = List.of(vm("web", VmState.RUNNING, "bond0"), vm("app", VmState.SUSPENDED, "bond0"),
                vm("idle", VmState.STOPPED, "bond0"), vm("db", VmState.RUNNING, "vmnic2"));
        Map<String, Long> reservations = Map.of("web", 300_000_000L, "app", 200_000_000L, "idle", 400_000_000L,
                "db", 150_000_000L);

        HostDescription.Network network = HostDescription.describe(List.of(bond), nics, vms, reservations);

        assertEquals(List.of(
                new HostRecord.UplinkRecord("bond0", List.of("vmnic0", "vmnic1"), GBPS, 500_000_000L),
                new HostRecord.UplinkRecord("vmnic2", List.of("vmnic2"), GBPS / 10, 150_000_000L),
                new HostRecord.UplinkRecord("vmnic3", List.of("vmnic3"), 0, 0)), network.uplinks(),
                "a standby or down member adds nothing; a stopped VM holds no reservation");
        assertEquals(500_000_000L, network.headroomBps(), "an overbooked uplink has no headroom, not a negative one");
        assertEquals(3, network.runningVms());
    }

    @Test
    void aRunningVmWithNoVnicOnAnUplinkTakesItsReservationFromTheHostsHeadroom() {
        List<NicInfo> nics = List.of(nic("vmnic0", GBPS, LinkState.UP));
        List<VmInfo> vms = List.of(new VmInfo("placed", VmState.RUNNING, 5, List.of()),
                new VmInfo("waiting", VmState.CREATED, 5, List.of()));
        Map<String, Long> reservations = Map.of("placed", 600_000_000L, "waiting", 300_000_000L);

        HostDescription.Network network = HostDescription.describe(List.of(), nics, vms, reservations);

        assertEquals(400_000_000L, network.headroomBps(), "a cluster VM placed here holds its reservation here");
        assertEquals(new HostRecord.UplinkRecord("vmnic0", List.of("vmnic0"), GBPS, 0), network.uplinks().get(0),
                "no uplink carries it yet");
    }
}
