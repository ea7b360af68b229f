package org.nicmanager.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.resource.EngineRig.GBPS;
import static org.nicmanager.resource.EngineRig.MBPS;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.scheduler.LineRateUplinkDouble;
import org.nicmanager.resource.scheduler.VmUsage;
import org.nicmanager.resource.scheduler.WhatIf;

/** Allocations: accepted changes take effect at once; bad input is refused, named, and changes nothing. */
class ResourceEngineTest {

    private static final long MB = 1_000_000;
    private static final long PERIOD = 100_000_000L;

    private final EngineRig rig = new EngineRig().vm("web", 5).vm("db", 8).vm("batch", 2).idleVm("spare");

    @Test
    void anAcceptedChangeIsInForceAtOnceAndAnnounced() {
        AllocationView view = allocate("web", new AllocationChange(2000, 300 * MBPS, 500 * MBPS, null, null, null,
                null, null));
        assertEquals(2000, view.shares());
        assertEquals(300 * MBPS, view.reservationBps());
        assertEquals(1, view.revision());
        assertEquals(2000, view.uplinks().get(0).shares(), "the scheduler has it");
        assertEquals(1, rig.events.stream().filter(event -> event.topic().equals(ResourceTopics.ALLOCATION_CHANGED))
                .count());
        AllocationView shaped = allocate("web", shaping(400 * MBPS, 800 * MBPS, MB, null));
        assertEquals(PERIOD, shaped.peakPeriodNanos(), "a peak without a period takes the default");
        assertEquals(2000, shaped.shares(), "options not given keep their value");
        assertEquals(0, allocate("web", new AllocationChange(null, null, null, 0L, null, null, null, null))
                .peakBps(), "--average 0 turns shaping off");
    }

    /** Issue 18 point 8: the announcement names the uplink the allocation is in force on. */
    @Test
    void anAllocationChangeNamesEachUplinkTheVmIsConnectedTo() {
        LineRateUplinkDouble nic = new LineRateUplinkDouble(rig.clock, GBPS);
        UplinkScheduler second = rig.engine.open("vmnic9", nic);
        nic.attach(second);
        second.connect(99, "web");
        allocate("web", new AllocationChange(1500, null, null, null, null, null, null, null));
        List<EngineRig.Announcement> changed = rig.events.stream()
                .filter(event -> event.topic().equals(ResourceTopics.ALLOCATION_CHANGED)).toList();
        assertEquals(List.of("bond0", "vmnic9"), changed.stream().map(EngineRig.Announcement::uplink).toList());
        assertTrue(changed.get(0).details().startsWith("allocation of VM web on uplink bond0 is now "),
                changed.get(0).details());
        assertTrue(changed.get(1).details().startsWith("allocation of VM web on uplink vmnic9 is now "),
                changed.get(1).details());

        allocate("spare", new AllocationChange(700, null, null, null, null, null, null, null));
        EngineRig.Announcement unconnected = rig.events.get(rig.events.size() - 1);
        assertNull(unconnected.uplink());
        assertTrue(unconnected.details().startsWith("allocation of VM spare (on no uplink yet) is now "),
                unconnected.details());
    }

    @Test
    void theAllocationsPriorityFollowsTheVmsOwnUntilOneIsGiven() {
        AllocationView db = rig.engine.show("db");
        assertEquals(8, db.priority());
        assertTrue(db.priorityFromVm());
        assertEquals(8, allocate("db", new AllocationChange(500, null, null, null, null, null, null, null))
                .priority());
        AllocationView given = allocate("db", new AllocationChange(null, null, null, null, null, null, null, 3));
        assertEquals(3, given.priority());
        assertFalse(given.priorityFromVm());
    }

    @Test
    void aPeakBelowTheAverageIsRefused() {
        refused("peak 50Mbps is below the average 100Mbps", "web", shaping(100 * MBPS, 50 * MBPS, MB, PERIOD));
    }

    @Test
    void aBurstSmallerThanOneMaximumFrameIsRefused() {
        refused("burst 9000B is smaller than one maximum frame: 9046 bytes", "web",
                shaping(100 * MBPS, 200 * MBPS, 9000L, PERIOD));
    }

    @Test
    void sharesOutOfBoundsAreRefused() {
        refused("shares 0 is outside 1..100000", "web", new AllocationChange(0, null, null, null, null, null, null,
                null));
        refused("shares 100001 is outside 1..100000", "web", new AllocationChange(100_001, null, null, null, null,
                null, null, null));
    }

    @Test
    void aPriorityOutsideZeroToTenIsRefused() {
        refused("priority 11 is outside 0..10", "web", new AllocationChange(null, null, null, null, null, null,
                null, 11));
        refused("priority -1 is outside 0..10", "web", new AllocationChange(null, null, null, null, null, null,
                null, -1));
    }

    @Test
    void reservationsThatExceedTheCapacityAreRefusedNamingTheNumbers() {
        allocate("web", reservation(1500 * MBPS));
        refused("reservation 600Mbps for VM db does not fit uplink bond0: its capacity with every member up and"
                + " selected is 2Gbps and other VMs reserve 1.5Gbps there, leaving 500Mbps (it carries 2Gbps now)",
                "db", reservation(600 * MBPS));
        assertEquals(500 * MBPS, allocate("db", reservation(500 * MBPS)).reservationBps(), "what fits is taken");
    }

    @Test
    void whileNoMemberCarriesYetAReservationIsAdmittedShownBrokenAndThenHolds() {
        rig.bond.fail("nic0"); // as a bond whose LACP is still negotiating: it carries nothing yet
        rig.bond.fail("nic1");
        rig.events.clear();
        AllocationView admitted = allocate("web", reservation(500 * MBPS));
        assertEquals(500 * MBPS, admitted.reservationBps(), "admitted against the 2 Gb/s of both members");
        assertEquals(VmUsage.Guarantee.BROKEN, admitted.uplinks().get(0).guarantee());
        assertFalse(admitted.uplinks().get(0).reservationHolds());
        assertEquals(List.of(ResourceTopics.GUARANTEE_BROKEN, ResourceTopics.ALLOCATION_CHANGED), topics());
        assertTrue(rig.events.get(0).details().contains("the 0bps it carries now (2Gbps with every member up and"
                + " selected)"), rig.events.get(0).details());

        rig.events.clear();
        rig.bond.repair("nic0");
        assertEquals(List.of(ResourceTopics.CAPACITY_CHANGED, ResourceTopics.GUARANTEE_RESTORED), topics());
        assertEquals(VmUsage.Guarantee.HOLDS, rig.engine.show("web").uplinks().get(0).guarantee());
    }

    @Test
    void afterAFailureAReservationThatFitsEveryMemberIsAdmittedButBroken() {
        allocate("db", reservation(800 * MBPS)); // priority 8: kept first
        rig.bond.fail("nic1");
        AllocationView web = allocate("web", reservation(500 * MBPS));
        assertEquals(500 * MBPS, web.reservationBps());
        assertEquals(VmUsage.Guarantee.BROKEN, web.uplinks().get(0).guarantee(), "800 + 500 Mb/s exceed 1 Gb/s now");
        assertEquals(VmUsage.Guarantee.HOLDS, rig.engine.show("db").uplinks().get(0).guarantee());
    }

    @Test
    void aReservationThatCouldNeverFitIsRefusedNamingItAndTheCapacityWhateverTheMomentAndChangesNothing() {
        rig.bond.fail("nic0");
        rig.bond.fail("nic1");
        refused("reservation 2.5Gbps for VM web does not fit uplink bond0: its capacity with every member up and"
                + " selected is 2Gbps and other VMs reserve 0bps there, leaving 2Gbps (it carries 0bps now)", "web",
                reservation(2500 * MBPS));
        rig.bond.repair("nic0");
        rig.bond.repair("nic1");
        allocate("db", reservation(1500 * MBPS));
        refused("reservation 600Mbps for VM web does not fit uplink bond0: its capacity with every member up and"
                + " selected is 2Gbps and other VMs reserve 1.5Gbps there, leaving 500Mbps", "web",
                reservation(600 * MBPS));
    }

    @Test
    void anUnknownVmIsRefusedNamingTheVms() {
        refused("no VM named 'ghost'; VMs: batch, db, spare, web", "ghost", reservation(MBPS));
    }

    @Test
    void otherBadValuesAreRefusedToo() {
        refused("reservation 300Mbps is above the limit 200Mbps", "web",
                new AllocationChange(null, 300 * MBPS, 200 * MBPS, null, null, null, null, null));
        refused("holds fewer than 4 maximum frames", "web", shaping(100 * MBPS, 200 * MBPS, MB, 1_000_000L));
        refused("a peak, burst or peak period needs an average", "web",
                new AllocationChange(null, null, null, null, 200 * MBPS, null, null, null));
        refused("is above the shaping average", "web",
                new AllocationChange(null, 300 * MBPS, null, 100 * MBPS, null, MB, null, null));
    }

    @Test
    void aStaleConfigurationIsIgnoredAndAHandWrittenOneApplies() {
        allocate("web", new AllocationChange(2000, null, null, null, null, null, null, null)); // revision 1
        NetworkAllocation older = new NetworkAllocation(1500, 0, 0, 0, 0, 0, 0, 5);
        rig.engine.configured("web", older, false, 1);
        assertEquals(2000, rig.engine.show("web").shares(), "net:alloc's own write-back changes nothing");
        rig.engine.configured("web", older, false, 0);
        assertEquals(1500, rig.engine.show("web").shares(), "a configuration written by hand is applied");
        assertEquals(2, rig.engine.show("web").revision());
        rig.engine.unconfigured("web");
        assertEquals(1000, rig.engine.show("web").shares(), "deleted: back to the defaults");
        assertThrows(IllegalArgumentException.class, () -> rig.engine.configured("web",
                new NetworkAllocation(0, 0, 0, 0, 0, 0, 0, 5), false, 0));
    }

    @Test
    void whatIfAnswersTheNMinusOneQuestion() {
        allocate("db", reservation(700 * MBPS));
        allocate("web", reservation(600 * MBPS));
        List<WhatIf> answers = rig.engine.whatIf(List.of("nic1"));
        assertEquals(1, answers.size());
        WhatIf answer = answers.get(0);
        assertEquals(2 * GBPS, answer.capacityBps());
        assertEquals(GBPS, answer.capacityAfterBps());
        assertTrue(verdict(answer, "db").reservationHolds(), "db has the higher priority (8)");
        assertFalse(verdict(answer, "web").reservationHolds(), "web's 600 Mb/s would no longer fit");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> rig.engine.whatIf(List.of("nic9")));
        assertTrue(unknown.getMessage().contains("NIC 'nic9' carries no VM traffic"), unknown.getMessage());
        assertEquals(2 * GBPS, rig.bond.capacityBps(), "nothing failed");
    }

    @Test
    void windowsOutsideTheHistoryKeptAreRefused() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> rig.engine.usage(120_000_000_000L));
        assertTrue(tooLong.getMessage().contains("window 120s is outside 10ms..64s"), tooLong.getMessage());
    }

    private AllocationView allocate(String vm, AllocationChange change) {
        rig.engine.allocate(vm, change);
        return rig.engine.show(vm);
    }

    private void refused(String message, String vm, AllocationChange change) {
        AllocationView before = rig.exists(vm) ? rig.engine.show(vm) : null;
        int events = rig.events.size();
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> rig.engine.allocate(vm, change));
        assertTrue(refusal.getMessage().contains(message), refusal.getMessage());
        if (before != null) {
            assertEquals(before, rig.engine.show(vm), "a refused change changes nothing");
        }
        assertEquals(events, rig.events.size(), "and announces nothing");
    }

    private List<String> topics() {
        return rig.events.stream().map(EngineRig.Announcement::topic).toList();
    }

    private static WhatIf.Verdict verdict(WhatIf answer, String vm) {
        return answer.vms().stream().filter(verdict -> verdict.vm().equals(vm)).findFirst().orElseThrow();
    }

    private static AllocationChange reservation(long bps) {
        return new AllocationChange(null, bps, null, null, null, null, null, null);
    }

    private static AllocationChange shaping(long average, long peak, Long burst, Long period) {
        return new AllocationChange(null, null, null, average, peak, burst, period, null);
    }
}
