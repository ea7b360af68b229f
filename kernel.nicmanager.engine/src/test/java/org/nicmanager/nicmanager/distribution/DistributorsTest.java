package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.Spreading;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.testsupport.PortOwnersTestDouble;

class DistributorsTest {

    private final TestMembers members = new TestMembers(4);
    private final PortOwnersTestDouble vms = new PortOwnersTestDouble(8, 8, 2, 2, 9, 1, 5, 5);

    private BondDistributor make(String policy) {
        return TestPolicies.create(policy, members, vms);
    }

    private int[] spread(BondDistributor distributor, int flows) {
        int[] perMember = new int[members.up.length];
        for (int flow = 0; flow < flows; flow++) {
            FrameHeaders frame = Facts.udp(flow % 250, flow / 250, 1000 + flow, 80);
            perMember[distributor.select(Facts.of(frame, flow % 8))]++;
        }
        return perMember;
    }

    @ParameterizedTest
    @MethodSource("org.nicmanager.nicmanager.distribution.TestPolicies#names")
    void everyPolicyAnswersNoMemberWhenNoneIsActive(String policy) {
        BondDistributor distributor = make(policy);
        java.util.Arrays.fill(members.up, false);
        distributor.rebuild();
        assertEquals(BondDistributor.NO_MEMBER, distributor.select(Facts.of(Facts.udp(1, 2, 3, 4), 0)));
        assertEquals(BondDistributor.NO_MEMBER,
                distributor.select(Facts.of(Facts.tcp(1, 2, 3, 4, FrameHeaders.TCP_SYN), 0)));
    }

    /** Only the policies that promise no member to a flow may send a frame around a full ring (issue 18 point 1). */
    @ParameterizedTest
    @MethodSource("org.nicmanager.nicmanager.distribution.TestPolicies#names")
    void onlyRoundRobinAndLeastLoadedSpreadFramesByNature(String policy) {
        assertEquals(policy.equals(Policies.ROUND_ROBIN) || policy.equals(Policies.LEAST_LOADED),
                TestPolicies.policy(policy, true).spreading() == Spreading.FRAME_BY_FRAME, policy);
    }

    @ParameterizedTest
    @MethodSource("org.nicmanager.nicmanager.distribution.TestPolicies#names")
    void noPolicyUsesAFailedMemberAfterTheTablesAreRebuilt(String policy) {
        BondDistributor distributor = make(policy);
        spread(distributor, 1000);
        members.up[1] = false;
        distributor.rebuild();
        int[] perMember = spread(distributor, 4000);
        assertEquals(0, perMember[1], policy + " still sends to the failed member");
        for (int flow = 0; flow < 200; flow++) {
            FrameHeaders frame = Facts.tcp(flow, 1, 2000 + flow, 443, FrameHeaders.TCP_ACK);
            assertNotEquals(1, distributor.select(Facts.of(frame, 0)));
        }
    }

    @Test
    void roundRobinSpreadsFramesExactlyEvenly() {
        int[] perMember = spread(make(Policies.ROUND_ROBIN), 1000);
        assertEquals(java.util.List.of(250, 250, 250, 250), java.util.Arrays.stream(perMember).boxed().toList());
    }

    @Test
    void leastLoadedPicksTheMemberWithTheFewestPendingBytes() {
        BondDistributor distributor = make(Policies.LEAST_LOADED);
        members.pending[0] = 3000;
        members.pending[1] = 1500;
        members.pending[2] = 1500;
        members.pending[3] = 9000;
        assertEquals(1, distributor.select(Facts.of(Facts.udp(1, 2, 3, 4), 0)), "ties go to the earlier member");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hash-l2-src", "hash-l2-dst", "hash-l2", "hash-l3-src", "hash-l3-dst", "hash-l3",
        "hash-l34", "hash-l34-rebalanced", "ip-hash-else-rr", "tcp-session"})
    void flowPoliciesKeepEachFlowOnOneMember(String policy) {
        BondDistributor distributor = make(policy);
        for (int flow = 0; flow < 300; flow++) {
            int first = distributor.select(Facts.of(Facts.udp(flow, flow + 1, 5000 + flow, 53), 0));
            for (int repeat = 0; repeat < 5; repeat++) {
                members.pending[repeat % 4] += 1500; // load moves; a flow must not
                assertEquals(first, distributor.select(Facts.of(Facts.udp(flow, flow + 1, 5000 + flow, 53), 0)));
            }
        }
    }

    @Test
    void theL34HashSpreadsManyFlowsEvenly() {
        int[] perMember = spread(make(Policies.HASH_L34), 10_000);
        for (int count : perMember) {
            assertTrue(Math.abs(count - 2500) < 250, "uneven spread " + java.util.Arrays.toString(perMember));
        }
    }

    @Test
    void eachHashPolicyLooksOnlyAtItsOwnFields() {
        BondDistributor l2Source = make(Policies.HASH_L2_SRC);
        BondDistributor l3 = make(Policies.HASH_L3);
        Set<Integer> l2Members = new HashSet<>();
        Set<Integer> l3Members = new HashSet<>();
        for (int port = 0; port < 200; port++) {
            l2Members.add(l2Source.select(Facts.of(Facts.udp(7, port, 1000 + port, 80), 0))); // same source MAC
            l3Members.add(l3.select(Facts.of(Facts.udp(7, 9, 1000 + port, 80 + port), 0))); // same addresses
        }
        assertEquals(1, l2Members.size());
        assertEquals(1, l3Members.size());
    }

    @Test
    void ipHashElseRoundRobinRotatesNonIpFrames() {
        BondDistributor distributor = make(Policies.IP_HASH_ELSE_RR);
        Set<Integer> arpMembers = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            arpMembers.add(distributor.select(Facts.of(Facts.arp(1), 0)));
        }
        assertEquals(4, arpMembers.size());
    }

    @Test
    void perVmPinsEachVmAndDealsVmsOverTheMembers() {
        BondDistributor distributor = make(Policies.PER_VM);
        int[] vmsPerMember = new int[4];
        for (int port = 0; port < 8; port++) {
            int member = distributor.select(Facts.of(Facts.udp(port, 1, 1000, 80), port));
            for (int flow = 0; flow < 50; flow++) {
                assertEquals(member, distributor.select(Facts.of(Facts.udp(port, flow, 2000 + flow, 443), port)));
            }
            vmsPerMember[member]++;
        }
        assertEquals(java.util.List.of(2, 2, 2, 2), java.util.Arrays.stream(vmsPerMember).boxed().toList());
    }

    @Test
    void priorityAwareIsolatesLowPriorityVmsAndSendsOthersToTheLeastLoaded() {
        BondDistributor distributor = make(Policies.PRIORITY_AWARE);
        members.pending[0] = 5000;
        members.pending[1] = 100;
        members.pending[2] = 7000;
        for (int lowPort : new int[] {2, 3, 5}) {
            assertEquals(3, distributor.select(Facts.of(Facts.udp(lowPort, 1, 1, 1), lowPort)));
        }
        assertEquals(1, distributor.select(Facts.of(Facts.udp(0, 1, 1, 1), 0)));
        members.pending[1] = 9000;
        assertEquals(0, distributor.select(Facts.of(Facts.udp(4, 1, 1, 1), 4)), "never the isolation member");
    }

    @Test
    void tcpSessionPlacesNewConnectionsOnTheLeastLoadedAndKeepsThem() {
        BondDistributor distributor = make(Policies.TCP_SESSION);
        members.pending[0] = 100;
        members.pending[1] = 0;
        members.pending[2] = 100;
        members.pending[3] = 100;
        int member = distributor.select(Facts.of(Facts.tcp(1, 2, 40000, 443, FrameHeaders.TCP_SYN), 0));
        assertEquals(1, member);
        members.pending[1] = 1_000_000;
        assertEquals(1, distributor.select(Facts.of(Facts.tcp(1, 2, 40000, 443, FrameHeaders.TCP_ACK), 0)));
        members.up[1] = false;
        distributor.rebuild();
        int moved = distributor.select(Facts.of(Facts.tcp(1, 2, 40000, 443, FrameHeaders.TCP_ACK), 0));
        assertNotEquals(1, moved);
        members.pending[moved] = 5_000_000;
        assertEquals(moved, distributor.select(Facts.of(Facts.tcp(1, 2, 40000, 443, FrameHeaders.TCP_ACK), 0)),
                "after a failover the connection stays on its new member");
    }

    @Test
    void failoverOrderUsesTheFirstActiveMember() {
        BondDistributor distributor = make(Policies.FAILOVER_ORDER);
        assertEquals(0, distributor.select(Facts.of(Facts.udp(1, 2, 3, 4), 0)));
        members.up[0] = false;
        assertEquals(1, distributor.select(Facts.of(Facts.udp(1, 2, 3, 4), 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"per-vm", "priority-aware", "load-based"})
    void vmAwarePoliciesAreRefusedWithoutVmInformation(String policy) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TestPolicies.create(policy, members, null));
        assertTrue(refused.getMessage().contains(policy), refused.getMessage());
        assertTrue(refused.getMessage().contains("round-robin"), refused.getMessage());
    }

    @Test
    void framesFromNoPortAreStillPlaced() {
        BondDistributor distributor = make(Policies.PER_VM);
        assertTrue(distributor.select(Facts.of(Facts.udp(1, 2, 3, 4), FrameBuffer.NO_PORT)) >= 0);
    }
}
