package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.nicmanager.distribution.Policies;

/**
 * hash-l34-rebalanced: buckets move from the busiest member to the lightest at a rebalance, only when the gap is worth
 * it, and a failure moves only the failed member's buckets.
 */
class RebalancedHashTest {

    /** 64-byte test frames: 20,000 of them are 1.28 MB, just over Open vSwitch's 1 Mb/s over 10 s. */
    private static final int FRAMES_PER_FLOW = 40_000;

    private final TestMembers members = new TestMembers(2);
    private final RebalancedHash distributor = (RebalancedHash) TestPolicies.create(
            Policies.HASH_L34_REBALANCED, members, null);

    /** Source ports of {@code count} UDP flows that the fresh table puts on {@code slot}. */
    private List<Integer> flowsOn(int slot, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int port = 1000; ports.size() < count; port++) {
            if (distributor.select(Facts.of(Facts.udp(1, 2, port, 80), 0)) == slot) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** Sends {@code frames} frames of each flow; returns the frames each member carried. */
    private long[] send(List<Integer> flows, int framesPerFlow) {
        long[] perMember = new long[members.up.length];
        for (int port : flows) {
            for (int i = 0; i < framesPerFlow; i++) {
                perMember[distributor.select(Facts.of(Facts.udp(1, 2, port, 80), 0))]++;
            }
        }
        return perMember;
    }

    @Test
    void theBusiestMemberHandsBucketsToTheLightestAtARebalance() {
        List<Integer> heavy = flowsOn(0, 4);
        long[] before = send(heavy, FRAMES_PER_FLOW);
        assertEquals(4L * FRAMES_PER_FLOW, before[0], "all four flows hash to member 0");

        distributor.rebalance();
        assertEquals(2, distributor.rebalanceMoves(), "two of the four buckets moved");
        long[] after = send(heavy, FRAMES_PER_FLOW);
        assertEquals(after[0], after[1], "two flows each");
        for (int port : heavy) {
            int member = distributor.select(Facts.of(Facts.udp(1, 2, port, 80), 0));
            for (int i = 0; i < 100; i++) {
                assertEquals(member, distributor.select(Facts.of(Facts.udp(1, 2, port, 80), 0)),
                        "a flow stays put");
            }
        }

        distributor.rebalance();
        assertEquals(2, distributor.rebalanceMoves(), "balanced: nothing more moves");
    }

    @Test
    void aGapBelowOneMegabitPerSecondIsNotWorthAMove() {
        send(flowsOn(0, 2), 9_000); // 2 x 9,000 x 64 B = 1.15 MB in 10 s: under 1 Mb/s
        distributor.rebalance();
        assertEquals(0, distributor.rebalanceMoves());
    }

    @Test
    void aFailureMovesOnlyTheFailedMembersBuckets() {
        TestMembers three = new TestMembers(3);
        RebalancedHash table = (RebalancedHash) TestPolicies.create(Policies.HASH_L34_REBALANCED, three, null);
        int[] owners = new int[BucketTable.BUCKETS];
        for (int bucket = 0; bucket < owners.length; bucket++) {
            owners[bucket] = table.ownerOf(bucket);
        }
        three.up[1] = false;
        table.rebuild();
        int moved = 0;
        for (int bucket = 0; bucket < owners.length; bucket++) {
            if (owners[bucket] != 1) {
                assertEquals(owners[bucket], table.ownerOf(bucket), "bucket " + bucket + " of a healthy member");
            } else {
                assertTrue(table.ownerOf(bucket) == 0 || table.ownerOf(bucket) == 2);
                moved++;
            }
        }
        assertEquals(85, moved, "member 1's third of the buckets");
    }
}
