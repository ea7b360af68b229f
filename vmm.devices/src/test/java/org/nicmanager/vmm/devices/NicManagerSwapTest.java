package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.VmManagerTestDouble;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.VnicRow;

/**
 * The NIC manager going away and another coming (swapping variants, patent [0076]-[0082]) while a VM sends: the VMM's
 * virtual NICs survive, drop and count what their guests send in the gap, and carry traffic again through the new
 * manager.
 */
class NicManagerSwapTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String HOST = "02:00:00:00:99:01";

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final VirtualDevicesComponent devices = new VirtualDevicesComponent(world,
            Map.entry(Map.of("seed", 7L), world), new VmManagerTestDouble().running("web1").running("db1"));
    private final GuestCommands guest = new GuestCommands(devices, new VmNamesTestDouble(devices.vms()));

    @AfterEach
    void stop() {
        world.close();
    }

    private VnicRow row(String vnic) {
        return world.call(devices.devices()::rows).stream().filter(row -> row.name().equals(vnic)).findFirst()
                .orElseThrow();
    }

    /** 1000-byte frames at 8 Mb/s: one every millisecond. */
    private void oneFramePerMillisecond(String vm, long count) {
        guest.traffic(HOST, "8Mbps", "1000", 1, "cbr", 0, "", count, "", vm);
    }

    @Test
    void framesSentWhileNoNicManagerIsThereAreDroppedAndCountedThenTrafficResumes() {
        VnicUplinksTestDouble integrated = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(integrated);
        devices.add("e1000", "", "bond0", "web1");
        oneFramePerMillisecond("web1", 3000);
        world.advance(SECOND - 1);
        assertEquals(1000, integrated.frames("bond0"));

        devices.unbindUplinks(integrated); // its bundle stops
        assertTrue(integrated.connected.isEmpty(), "every vNIC was disconnected from the leaving manager");
        world.advance(SECOND);
        VnicRow gap = row("web1-0");
        assertFalse(gap.attached());
        assertEquals("bond0", gap.uplink(), "the assignment outlives the manager");
        assertEquals(1000, gap.txDrops());
        assertEquals(Map.of("NO_MEMBER_AVAILABLE", 1000L), gap.txDropped());

        VnicUplinksTestDouble loadable = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(loadable); // the other variant starts
        assertTrue(row("web1-0").attached());
        world.advance(2 * SECOND);
        assertEquals(1000, loadable.frames("bond0"), "traffic resumed");
        VnicRow after = row("web1-0");
        assertEquals(2000, after.txFrames());
        assertEquals(3000, after.txFrames() + after.txDrops(), "every frame the guest sent is accounted for");
    }

    @Test
    void aReconnectionTheNewManagerRefusesIsRememberedAndRetriedAtTheNextChange() {
        VnicUplinksTestDouble first = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(first);
        devices.add("e1000", "", "bond0", "web1");
        devices.unbindUplinks(first);

        VnicUplinksTestDouble withoutTheBond = new VnicUplinksTestDouble(world, "bond1");
        devices.bindUplinks(withoutTheBond);
        VnicRow refused = row("web1-0");
        assertFalse(refused.attached());
        assertEquals("unknown uplink 'bond0': bonds: [bond1]", refused.refusal());

        VnicUplinksTestDouble withTheBond = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(withTheBond); // greedy: replaces the one bound
        devices.unbindUplinks(withoutTheBond); // ... which then leaves
        VnicRow retried = row("web1-0");
        assertTrue(retried.attached());
        assertNull(retried.refusal());
        assertEquals(1, withTheBond.connected.size());
    }

    @Test
    void aGreedyReplacementMovesEveryVnicToTheNewManager() {
        VnicUplinksTestDouble old = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(old);
        devices.add("e1000", "", "bond0", "web1");
        devices.add("pcnet", "", "bond0", "db1");
        VnicUplinksTestDouble better = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(better);
        devices.unbindUplinks(old);
        assertTrue(old.connected.isEmpty());
        assertEquals(2, better.connected.size());
        assertTrue(row("web1-0").attached() && row("db1-0").attached());
    }

    @Test
    void assignMovesAVnicAndARefusalLeavesItWhereItWas() {
        VnicUplinksTestDouble manager = new VnicUplinksTestDouble(world, "bond0", "bond1");
        devices.bindUplinks(manager);
        devices.add("e1000", "", "bond0", "web1");
        assertEquals("bond1", devices.assign("web1-0", "bond1").uplink());
        oneFramePerMillisecond("web1", 10);
        world.advance(SECOND);
        assertEquals(10, manager.frames("bond1"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> devices.assign("web1-0", "bond9"));
        assertEquals("unknown uplink 'bond9': bonds: [bond0, bond1]", refused.getMessage());
        VnicRow kept = row("web1-0");
        assertEquals("bond1", kept.uplink());
        assertTrue(kept.attached());
        assertEquals(1, manager.connected.size());
        assertEquals("bond1", manager.connected.values().iterator().next());

        assertEquals("no virtual NIC named 'web9-0'; virtual NICs: web1-0",
                assertThrows(IllegalArgumentException.class, () -> devices.assign("web9-0", "bond0")).getMessage());
    }

    @Test
    void withoutANicManagerAnUplinkIsRefusedAndNothingChanges() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> devices.add("e1000", "", "bond0", "web1"));
        assertTrue(refused.getMessage().startsWith("vnic:add --uplink bond0 needs the NIC manager"),
                refused.getMessage());
        assertTrue(world.call(devices.devices()::rows).isEmpty());
        devices.add("e1000", "", "", "web1"); // no uplink yet: allowed
        assertThrows(IllegalArgumentException.class, () -> devices.assign("web1-0", "bond0"));
        assertEquals("VM db1 has no virtual NIC, so its guest receives nothing; add one with vnic:add",
                assertThrows(IllegalArgumentException.class, () -> guest.stats(false, "db1")).getMessage());
    }

    @Test
    void aGuestCountsWhatAnotherVmSendsItPerFlowWithLossAndReordering() {
        VnicUplinksTestDouble manager = new VnicUplinksTestDouble(world, "bond0");
        // Two flows take turns: flow 0 sends the even frames, flow 1 the odd ones.
        manager.lose = n -> n % 10 == 5; // flow 1's sequences 2, 7, ..., 47
        manager.delay = n -> n % 10 == 0; // flow 0's sequences 0, 5, ..., 45 arrive after the flow's next frame
        manager.delayBy = 2;
        devices.bindUplinks(manager);
        devices.add("e1000", "", "bond0", "web1");
        devices.add("e1000", "", "bond0", "db1");
        guest.traffic("db1", "80Mbps", "1000", 2, "cbr", 0, "", 100, "", "web1");
        world.advance(SECOND);
        GuestStats stats = (GuestStats) guest.stats(false, "db1");
        assertEquals(90, stats.rxFrames());
        assertEquals(90_000, stats.rxBytes());
        assertEquals(10, stats.reorderedFrames());
        assertEquals(10, stats.lostFrames());
        assertEquals(2, stats.flows().size());
        String web1 = row("web1-0").mac();
        assertEquals(new GuestStats.FlowStats(web1, 0, 50, 0, 10), stats.flows().get(0));
        assertEquals(new GuestStats.FlowStats(web1, 1, 40, 10, 0), stats.flows().get(1));
        assertEquals("no VM named 'nobody'",
                assertThrows(IllegalArgumentException.class, () -> guest.stats(false, "nobody")).getMessage());
    }
}
