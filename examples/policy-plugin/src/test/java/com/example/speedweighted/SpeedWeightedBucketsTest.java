package com.example.speedweighted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;

class SpeedWeightedBucketsTest {

    private static final long E1000 = 1_000_000_000L;
    private static final long E100 = 100_000_000L;

    @Test
    void anE1000BesideAnE100GetsTenTimesTheBuckets() {
        FakeMembers members = new FakeMembers(E1000, E100);
        SpeedWeightedBuckets buckets = new SpeedWeightedBuckets(members);

        assertEquals(931, buckets.bucketsOf(0));
        assertEquals(93, buckets.bucketsOf(1));
        assertEquals(10.0, buckets.bucketsOf(0) / (double) buckets.bucketsOf(1), 0.1);
    }

    @Test
    void flowsAreSpreadInProportionToSpeed() {
        FakeMembers members = new FakeMembers(E1000, E100);
        BondDistributor distributor = new SpeedWeightedPolicy().create(members.context());
        int[] perMember = new int[2];
        for (int flow = 0; flow < 110_000; flow++) {
            perMember[distributor.select(Frame.ofFlow(flow))]++;
        }
        double ratio = perMember[0] / (double) perMember[1];
        assertTrue(ratio > 9 && ratio < 11, "flows per member " + perMember[0] + " : " + perMember[1]);
    }

    @Test
    void eachFlowStaysOnOneMember() {
        BondDistributor distributor = new SpeedWeightedPolicy().create(new FakeMembers(E1000, E100, E1000).context());
        for (int flow = 0; flow < 2_000; flow++) {
            int first = distributor.select(Frame.ofFlow(flow));
            for (int frame = 0; frame < 5; frame++) {
                assertEquals(first, distributor.select(Frame.ofFlow(flow)), "flow " + flow + " moved");
            }
        }
    }

    @Test
    void aFailureMovesOnlyTheFailedMembersFlowsAndReweightsTheBuckets() {
        FakeMembers members = new FakeMembers(E1000, E100, E100);
        SpeedWeightedBuckets buckets = new SpeedWeightedBuckets(members);
        Map<Integer, Integer> before = new HashMap<>();
        for (int flow = 0; flow < 5_000; flow++) {
            before.put(flow, buckets.select(Frame.ofFlow(flow)));
        }
        assertEquals(854, buckets.bucketsOf(0)); // 1024 * 10/12 = 853.3, and the tie of remainders goes to the first
        assertEquals(85 + 85, buckets.bucketsOf(1) + buckets.bucketsOf(2));

        members.fail(0);
        buckets.rebuild();

        assertEquals(0, buckets.bucketsOf(0));
        assertEquals(512, buckets.bucketsOf(1), "two e100s now share evenly");
        assertEquals(512, buckets.bucketsOf(2));
        for (int flow = 0; flow < 5_000; flow++) {
            int now = buckets.select(Frame.ofFlow(flow));
            assertNotEquals(0, now);
            if (before.get(flow) != 0) {
                assertEquals(before.get(flow), now, "flow " + flow + " on a healthy member moved");
            }
        }
    }

    @Test
    void aReturningMemberGetsItsShareBackAndNoMemberMeansNoMember() {
        FakeMembers members = new FakeMembers(E1000, E100);
        SpeedWeightedBuckets buckets = new SpeedWeightedBuckets(members);
        members.fail(0);
        buckets.rebuild();
        assertEquals(1024, buckets.bucketsOf(1));
        members.fail(1);
        buckets.rebuild();
        assertEquals(BondDistributor.NO_MEMBER, buckets.select(Frame.ofFlow(7)));

        members.recover(0);
        members.recover(1);
        buckets.rebuild();
        assertEquals(931, buckets.bucketsOf(0));
        assertEquals(93, buckets.bucketsOf(1));
    }

    @Test
    void thePolicyIsNamedAndNeedsNothing() {
        SpeedWeightedPolicy policy = new SpeedWeightedPolicy();
        assertEquals("speed-weighted", policy.name());
        assertTrue(policy.needs().isEmpty(), "both NIC manager variants can run it");
    }

    /** A frame whose flow hash is well mixed from a flow number. */
    private record Frame(long flowHash) implements FrameFacts {

        static Frame ofFlow(int flow) {
            long k = flow * 0x9E3779B97F4A7C15L;
            return new Frame(k ^ (k >>> 29));
        }

        @Override
        public int sourcePort() {
            return NO_PORT;
        }

        @Override
        public int lengthBytes() {
            return 64;
        }

        @Override
        public long sourceMac() {
            return 0;
        }

        @Override
        public long destinationMac() {
            return 0;
        }

        @Override
        public int ipVersion() {
            return 4;
        }

        @Override
        public int protocol() {
            return 17;
        }

        @Override
        public long ipSourceKey() {
            return 0;
        }

        @Override
        public long ipDestinationKey() {
            return 0;
        }
    }
}
