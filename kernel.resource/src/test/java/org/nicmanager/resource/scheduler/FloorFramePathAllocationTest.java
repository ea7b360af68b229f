package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.testsupport.ManualScheduler;
import org.nicmanager.testsupport.UplinkPortTestDouble;

/**
 * The frame path with the default floor on and precedence at work (VMs of three priorities entering and leaving the
 * order, floors owed, starved time kept) allocates nothing: decisions between timers, as the world thread makes them.
 */
class FloorFramePathAllocationTest {

    private static final int VMS = 3;
    private static final int DECISIONS = 40_000;
    /** Far below the interval and sample timers' 10 ms, so no control-path timer fires while measuring. */
    private static final long NANOS_PER_DECISION = 100;

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void decisionsWithTheFloorOnAndPrecedenceAtWorkAllocateNothing() {
        ManualScheduler clock = new ManualScheduler();
        UplinkPortTestDouble port = new UplinkPortTestDouble(1_000_000_000L, "n0");
        VmAllocations allocations = new VmAllocations() {
            @Override
            public NetworkAllocation allocationOf(String vm) {
                int index = vm.charAt(2) - '0';
                return new NetworkAllocation(1_000 * (index + 1), 0, 0, 0, 0, 0, 0, 2 + 3 * index);
            }

            @Override
            public boolean suspended(String vm) {
                return false;
            }
        };
        UplinkFrameScheduler scheduler = new UplinkFrameScheduler("bond0", port, clock, ResourceSettings.defaults(),
                allocations, (topic, subject, uplink, details, numbers) -> { });
        for (int vm = 0; vm < VMS; vm++) {
            scheduler.connect(vm, "vm" + vm);
        }
        FramePool pool = new FramePool(VMS * 300, 1514);
        decide(scheduler, clock, port, pool, DECISIONS / 4); // warm up: queues fill, floors are served
        long before = allocatedByThisThread();
        long sentBefore = port.sent();
        decide(scheduler, clock, port, pool, DECISIONS);
        long allocated = allocatedByThisThread() - before;

        assertTrue(port.sent() - sentBefore > DECISIONS / 4, (port.sent() - sentBefore) + " frames sent");
        assertTrue(scheduler.state.order.starvedNanos(scheduler.state.table.slot(0), clock.nanoTime()) > 0,
                "precedence was at work");
        // Asking the MXBean costs about 800 bytes itself; one object per decision would be 640 KB at least.
        assertTrue(allocated < 4_096, allocated + " bytes allocated for " + DECISIONS + " decisions");
    }

    /** Each VM in turn offers a frame, and the lowest priority one more; the uplink takes one frame per turn. */
    private static void decide(UplinkFrameScheduler scheduler, ManualScheduler clock, UplinkPortTestDouble port,
            FramePool pool, int decisions) {
        for (int decision = 0; decision < decisions; decision++) {
            clock.advance(NANOS_PER_DECISION);
            offer(scheduler, pool, decision % VMS, decision % 3 == 0 ? 1514 : 200);
            offer(scheduler, pool, 0, 1514);
            port.addRoom(1); // it takes one frame per turn
            scheduler.uplinkReady();
        }
    }

    private static void offer(UplinkFrameScheduler scheduler, FramePool pool, int vm, int bytes) {
        FrameBuffer frame = pool.acquire();
        if (frame != null) {
            frame.setLength(bytes);
            frame.setSourcePort(vm);
            scheduler.offer(frame);
        }
    }
}
