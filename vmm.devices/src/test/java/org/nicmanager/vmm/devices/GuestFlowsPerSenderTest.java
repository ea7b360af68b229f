package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.VmManagerTestDouble;

/**
 * {@code guest:traffic} from two VMs to a third: both workloads number their flows from 0, and {@code guest:stats}
 * tells them apart by sender, so neither counts as the other's loss or reordering.
 */
class GuestFlowsPerSenderTest {

    private static final long MILLIS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final VirtualDevicesComponent devices = new VirtualDevicesComponent(world,
            Map.entry(Map.of("seed", 7L), world),
            new VmManagerTestDouble().running("web1").running("web2").running("db1"));
    private final GuestCommands guest = new GuestCommands(devices, new VmNamesTestDouble(devices.vms()));

    @AfterEach
    void stop() {
        world.close();
    }

    /** 1000-byte frames at 8 Mb/s (one a millisecond) in two flows, 200 frames. */
    private void twoFlowsTo(String destination, String vm) {
        guest.traffic(destination, "8Mbps", "1000", 2, "cbr", 0, "", 200, "", vm);
    }

    @Test
    void twoVmsWithTheSameFlowIdsAreCountedApart() {
        devices.bindUplinks(new VnicUplinksTestDouble(world, "bond0"));
        devices.add("e1000", "", "bond0", "web1");
        devices.add("e1000", "", "bond0", "web2");
        devices.add("e1000", "", "bond0", "db1");
        twoFlowsTo("db1", "web1");
        world.advance(50 * MILLIS); // web1's flows are 25 frames ahead when web2's start from sequence 0
        twoFlowsTo("db1", "web2");
        world.advance(SECOND);

        GuestStats stats = (GuestStats) guest.stats(false, "db1");
        assertEquals(400, stats.rxFrames());
        assertEquals(0, stats.lostFrames(), stats.toString());
        assertEquals(0, stats.reorderedFrames(), stats.toString());
        String web1 = macOf("web1-0");
        String web2 = macOf("web2-0");
        assertEquals(List.of(new GuestStats.FlowStats(web1, 0, 100, 0, 0), new GuestStats.FlowStats(web1, 1, 100, 0, 0),
                new GuestStats.FlowStats(web2, 0, 100, 0, 0), new GuestStats.FlowStats(web2, 1, 100, 0, 0)),
                stats.flows());
    }

    private String macOf(String vnic) {
        return world.call(devices.devices()::rows).stream().filter(row -> row.name().equals(vnic)).findFirst()
                .orElseThrow().mac();
    }
}
