package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;

/**
 * After set-up no guest frame costs an allocation: four VMs send one workload of each pattern, over a wire that hands
 * each frame straight to a fifth VM's virtual NIC, whose guest counts every flow. The world thread allocates only what
 * advancing itself costs.
 */
class GuestFramePathAllocationTest {

    private static final long MILLIS = 1_000_000L;

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void sendingAndReceivingDoNotAllocate() {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 1_000_000_000L, (timer, failure) -> {
            throw new AssertionError("timer " + timer + " failed", failure);
        })) {
            FramePool pool = new FramePool(1024, 9022);
            GuestFlowCounter receiver = new GuestFlowCounter("sink");
            EmulatedNic sink = new EmulatedNic("sink-0", 0x02_00_00_00_00_10L, VnicModel.E1000, 10, pool, world,
                    receiver);
            world.run(() -> {
                int port = 0;
                for (GuestPattern pattern : GuestPattern.values()) {
                    EmulatedNic source = new EmulatedNic("vm" + port + "-0", 0x02_00_00_00_00_01L + port,
                            VnicModel.E1000, port, pool, world, frame -> frame.release());
                    source.connect(frame -> {
                        sink.deliver(frame);
                        return true;
                    });
                    WorkloadSpec spec = new WorkloadSpec(sink.mac(), pattern, 200_000_000, 200, 16, Long.MAX_VALUE,
                            32);
                    new GuestTraffic(world, source.name(), pattern.stream(source, spec),
                            pattern.pacing(spec, VnicModel.E1000.lineRateBps(), new SplittableRandom(port)), 16,
                            Long.MAX_VALUE).start();
                    port++;
                }
            });
            world.advance(20 * MILLIS); // warm up: flows seen, code compiled
            long framesBefore = world.call(() -> receiver.stats(0).rxFrames());
            long before = world.call(GuestFramePathAllocationTest::allocatedByThisThread);
            world.advance(20 * MILLIS);
            long allocated = world.call(GuestFramePathAllocationTest::allocatedByThisThread) - before;
            GuestStats stats = world.call(() -> receiver.stats(0));
            long frames = stats.rxFrames() - framesBefore;
            assertTrue(frames > 9_000, frames + " frames"); // 125,000 per second from each sender
            assertEquals(16 * GuestPattern.values().length, stats.flows().size(), "16 flows from each sender");
            // The advance itself (posted action, report, the calls around it) costs a few hundred bytes.
            assertTrue(allocated < 4_096, allocated + " bytes allocated for " + frames + " frames");
        }
    }
}
