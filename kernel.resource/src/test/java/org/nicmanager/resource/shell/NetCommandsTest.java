package org.nicmanager.resource.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.resource.AllocationView;
import org.nicmanager.resource.EngineRig;
import org.nicmanager.resource.scheduler.VmUsage;

/** The {@code net:} commands: options parsed and refused by name, and the JSON shapes of COMMANDS.md. */
class NetCommandsTest {

    private final EngineRig rig = new EngineRig().vm("web", 5).vm("db", 8);
    private final NetCommands commands = new NetCommands(rig.control());

    @Test
    void allocParsesRatesSizesAndDurations() {
        Object result = commands.alloc("2000", "300Mbps", "1Gbps", "400Mbps", "800Mbps", "1MB", "100ms", "7", true,
                "web");
        AllocationView view = (AllocationView) assertInstanceOf(Json.class, result).document();
        assertEquals(2000, view.shares());
        assertEquals(300_000_000L, view.reservationBps());
        assertEquals(1_000_000_000L, view.limitBps());
        assertEquals(400_000_000L, view.averageBps());
        assertEquals(800_000_000L, view.peakBps());
        assertEquals(1_000_000L, view.burstBytes());
        assertEquals(100_000_000L, view.peakPeriodNanos());
        assertEquals(7, view.priority());
        assertInstanceOf(AllocationTable.class, commands.show(false, "web"));
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertRefused("bad --shares 'many': expected a whole number",
                () -> commands.alloc("many", "", "", "", "", "", "", "", false, "web"));
        assertRefused("--reservation: bad rate '300 parsecs'",
                () -> commands.alloc("", "300 parsecs", "", "", "", "", "", "", false, "web"));
        assertRefused("a bandwidth is needed here",
                () -> commands.alloc("", "", "150kpps", "", "", "", "", "", false, "web"));
        assertRefused("give whole milliseconds",
                () -> commands.alloc("", "", "", "100Mbps", "200Mbps", "1MB", "1.5ms", "", false, "web"));
        assertRefused("give at least one option to change",
                () -> commands.alloc("", "", "", "", "", "", "", "", false, "web"));
        assertRefused("name one VM", () -> commands.alloc("10", "", "", "", "", "", "", "", false));
        assertRefused("usage: net:whatif fail NIC...", () -> commands.whatif(false, "nic0"));
        assertRefused("bad duration", () -> commands.stats(false, "soon"));
    }

    @Test
    void statsJsonHasTheFieldsOfCommandsMd() {
        FrameBuffer frame = FrameBuffer.unpooled(1514);
        frame.setLength(1514);
        frame.setSourcePort(0);
        rig.scheduler.offer(frame);
        rig.clock.advance(20_000_000L);

        StatsDocument document = (StatsDocument) assertInstanceOf(Json.class, commands.stats(true, "10ms"))
                .document();
        assertTrue(names(StatsDocument.class).containsAll(List.of("now", "windowNs", "capacityBps", "vms")));
        assertTrue(names(StatsDocument.Vm.class).containsAll(List.of("name", "offeredBps", "throughputBps",
                "shareOfCapacity", "sentFrames", "queuedFrames", "dropped", "virtualTime")));
        assertEquals(20_000_000L, document.now());
        assertEquals(2_000_000_000L, document.capacityBps());
        StatsDocument.Vm web = document.vms().stream().filter(vm -> vm.name().equals("web")).findFirst()
                .orElseThrow();
        assertEquals(1, web.sentFrames());
        assertEquals(Map.of("OVER_LIMIT", 0L, "SHAPING", 0L, "QUEUE_FULL", 0L, "YIELDING_TO_HIGHER_PRIORITY", 0L,
                "VM_SUSPENDED", 0L, "NO_MEMBER_AVAILABLE", 0L, "NOT_OWNER", 0L), web.dropped());
        assertInstanceOf(StatsTable.class, commands.stats(false, "1s"));
    }

    @Test
    void statsAccountForEveryFrameOfAVmByReasonDropsDownstreamIncluded() {
        for (int i = 0; i < 3; i++) {
            FrameBuffer frame = FrameBuffer.unpooled(1514);
            frame.setLength(1514);
            frame.setSourcePort(0);
            rig.scheduler.offer(frame);
        }
        rig.clock.advance(20_000_000L);
        rig.scheduler.transmitted(0); // what the bond reports: one on the wire, one dropped, one still on a ring
        rig.scheduler.droppedDownstream(0, DropReason.TOO_LONG);

        StatsDocument document = (StatsDocument) assertInstanceOf(Json.class, commands.stats(true, "10ms"))
                .document();
        StatsDocument.Vm web = document.vms().stream().filter(vm -> vm.name().equals("web")).findFirst()
                .orElseThrow();
        assertEquals(3, web.offeredFrames());
        assertEquals(3, web.sentFrames());
        assertEquals(1, web.deliveredFrames());
        assertEquals(1L, web.dropped().get("TOO_LONG"), "the downstream reason joins the resource manager's");
        assertEquals(Map.of("TOO_LONG", 1L), web.droppedDownstream());
        assertEquals(1, web.droppedFrames());
        assertEquals(1, web.uplinkQueuedFrames());
        assertEquals(0, web.schedulerQueuedFrames());
        assertEquals(1, web.queuedFrames());
        assertEquals(web.offeredFrames(), web.deliveredFrames() + web.droppedFrames() + web.queuedFrames());
        StatsTable table = (StatsTable) commands.stats(false, "10ms");
        assertTrue(table.vms().stream().anyMatch(row -> row.dropped().contains("TOO_LONG=1")), table.toString());
    }

    @Test
    void aReservationAdmittedWhileTheUplinkCarriesNothingIsShownBrokenThenHolding() {
        rig.bond.fail("nic0"); // as during LACP negotiation: nothing carries yet
        rig.bond.fail("nic1");
        AllocationTable admitted = (AllocationTable) commands.alloc("", "500Mbps", "", "", "", "", "", "", false,
                "web");
        assertEquals("BROKEN (bond0 carries 0bps now)", admitted.uplinks().get(0).guarantee());
        assertEquals("BROKEN", statsRow("web").guarantee());
        assertEquals("-", statsRow("db").guarantee(), "no reservation");
        StatsDocument document = (StatsDocument) ((Json) commands.stats(true, "1s")).document();
        assertEquals(0, document.uplinks().get(0).capacityBps());
        assertEquals(2_000_000_000L, document.uplinks().get(0).admissibleCapacityBps());

        rig.bond.repair("nic0");
        rig.bond.repair("nic1");
        AllocationTable holding = (AllocationTable) commands.show(false, "web");
        assertEquals("HOLDS (bond0 carries 2Gbps now)", holding.uplinks().get(0).guarantee());
        assertEquals("HOLDS", statsRow("web").guarantee());
        AllocationView json = (AllocationView) ((Json) commands.show(true, "web")).document();
        assertEquals(VmUsage.Guarantee.HOLDS, json.uplinks().get(0).guarantee());
    }

    private StatsTable.Row statsRow(String vm) {
        return ((StatsTable) commands.stats(false, "1s")).vms().stream().filter(row -> row.name().equals(vm))
                .findFirst().orElseThrow();
    }

    @Test
    void whatIfJsonNamesTheFailureAndEachUplinkItTouches() {
        NetCommands.WhatIfDocument document = (NetCommands.WhatIfDocument) assertInstanceOf(Json.class,
                commands.whatif(true, "fail", "nic0")).document();
        assertEquals(List.of("nic0"), document.failed());
        assertEquals(1_000_000_000L, document.uplinks().get(0).capacityAfterBps());
        assertInstanceOf(WhatIfTable.class, commands.whatif(false, "fail", "nic0", "nic1"));
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable command) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, command);
        assertTrue(refusal.getMessage().contains(message), refusal.getMessage());
    }
}
