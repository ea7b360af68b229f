package org.nicmanager.nicmanager.bond;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.nicmanager.nicmanager.distribution.Policies;

/** After warm-up, a bond's frame path allocates nothing: the world thread allocates only what advancing costs. */
class BondAllocationTest {

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void framesThroughABondDoNotAllocate() {
        for (String policy : new String[] {Policies.ROUND_ROBIN,
                Policies.HASH_L34, Policies.TCP_SESSION}) {
            try (BondWorld world = new BondWorld(policy, BondSettings.defaults())) {
                // Over capacity, so that rings fill, the backlog is used and round-robin redirects around a full ring.
                // hash-l34 and tcp-session make each flow's frames wait for its member: these 16 flows hash 12:4,
                // so the bond carries about 1.3 Gb/s (issue 18: no flow moves frame by frame).
                VmSource vm = world.call(() -> new VmSource(world.world, world.bond, 2_500_000_000L, 1514, 16, 64));
                world.run(() -> vm.send(1_000_000));
                world.advance(30 * MILLIS);
                long offeredBefore = world.call(world.bond::offeredFrames);
                long before = world.call(BondAllocationTest::allocatedByThisThread);
                world.advance(30 * MILLIS);
                long allocated = world.call(BondAllocationTest::allocatedByThisThread) - before;
                long frames = world.call(world.bond::offeredFrames) - offeredBefore;
                System.out.printf("%s: %d bytes allocated for %d frames%n", policy, allocated, frames);
                assertTrue(frames > 3_000, frames + " frames");
                assertTrue(allocated < 4_096, allocated + " bytes allocated for " + frames + " frames");
            }
        }
    }
}
