package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.teaming.LoadDistribution;

class DistributorsTest {

    private final TestMembers members = new TestMembers(4);
    private final Frames frames = new Frames();
    private final TestVms vms = new TestVms(8, 8, 2, 2, 9, 1, 5, 5);

    private Distributor make(LoadDistribution policy) {
        return Distributors.create(policy, members, vms);
    }

    private int[] spread(Distributor distributor, int flows) {
        int[] perMember = new int[members.up.length];
        for (int flow = 0; flow < flows; flow++) {
            perMember[distributor.select(frames.udp(flow % 250, flow / 250, 1000 + flow, 80), flow % 8)]++;
        }
        return perMember;
    }

    @ParameterizedTest
    @EnumSource(LoadDistribution.class)
    void everyPolicyAnswersNoMemberWhenNoneIsActive(LoadDistribution policy) {
        Distributor distributor = make(policy);
        java.util.Arrays.fill(members.up, false);
        distributor.rebuild();
        assertEquals(Distributor.NO_MEMBER, distributor.select(frames.udp(1, 2, 3, 4), 0));
        assertEquals(Distributor.NO_MEMBER, distributor.select(frames.tcp(1, 2, 3, 4, FrameHeaders.TCP_SYN), 0));
    }

    /** Only the policies that promise no member to a flow may send a frame around a full ring (issue 18 point 1). */
    @ParameterizedTest
    @EnumSource(LoadDistribution.class)
    void onlyRoundRobinAndLeastLoadedSpreadFramesByNature(LoadDistribution policy) {
        assertEquals(policy == LoadDistribution.ROUND_ROBIN || policy == LoadDistribution.LEAST_LOADED,
                make(policy).spreadsFramesByNature(), policy.shellName());
    }

    @ParameterizedTest
    @EnumSource(LoadDistribution.class)
    void noPolicyUsesAFailedMemberAfterTheTablesAreRebuilt(LoadDistribution policy) {
        Distributor distributor = make(policy);
        spread(distributor, 1000);
        members.up[1] = false;
        distributor.rebuild();
        int[] perMember = spread(distributor, 4000);
        assertEquals(0, perMember[1], policy + " still sends to the failed member");
        for (int flow = 0; flow < 200; flow++) {
            assertNotEquals(1, distributor.select(frames.tcp(flow, 1, 2000 + flow, 443, FrameHeaders.TCP_ACK), 0));
        }
    }

    @Test
    void roundRobinSpreadsFramesExactlyEvenly() {
        int[] perMember = spread(make(LoadDistribution.ROUND_ROBIN), 1000);
        assertEquals(java.util.List.of(250, 250, 250, 250), java.util.Arrays.stream(perMember).boxed().toList());
    }

    @Test
    void leastLoadedPicksTheMemberWithTheFewestPendingBytes() {
        Distributor distributor = make(LoadDistribution.LEAST_LOADED);
        members.pending[0] = 3000;
        members.pending[1] = 1500;
        members.pending[2] = 1500;
        members.pending[3] = 9000;
        assertEquals(1, distributor.select(frames.udp(1, 2, 3, 4), 0), "ties go to the earlier member");
    }

    @ParameterizedTest
    @EnumSource(value = LoadDistribution.class, names = {"HASH_L2_SRC", "HASH_L2_DST", "HASH_L2", "HASH_L3_SRC",
        "HASH_L3_DST", "HASH_L3", "HASH_L34", "HASH_L34_REBALANCED", "IP_HASH_ELSE_RR", "TCP_SESSION"})
    void flowPoliciesKeepEachFlowOnOneMember(LoadDistribution policy) {
        Distributor distributor = make(policy);
        for (int flow = 0; flow < 300; flow++) {
            int first = distributor.select(frames.udp(flow, flow + 1, 5000 + flow, 53), 0);
            for (int repeat = 0; repeat < 5; repeat++) {
                members.pending[repeat % 4] += 1500; // load moves; a flow must not
                assertEquals(first, distributor.select(frames.udp(flow, flow + 1, 5000 + flow, 53), 0));
            }
        }
    }

    @Test
    void theL34HashSpreadsManyFlowsEvenly() {
        int[] perMember = spread(make(LoadDistribution.HASH_L34), 10_000);
        for (int count : perMember) {
            assertTrue(Math.abs(count - 2500) < 250, "uneven spread " + java.util.Arrays.toString(perMember));
        }
    }

    @Test
    void eachHashPolicyLooksOnlyAtItsOwnFields() {
        Distributor l2Source = make(LoadDistribution.HASH_L2_SRC);
        Distributor l3 = make(LoadDistribution.HASH_L3);
        Set<Integer> l2Members = new HashSet<>();
        Set<Integer> l3Members = new HashSet<>();
        for (int port = 0; port < 200; port++) {
            l2Members.add(l2Source.select(frames.udp(7, port, 1000 + port, 80), 0)); // same source MAC
            l3Members.add(l3.select(frames.udp(7, 9, 1000 + port, 80 + port), 0)); // same addresses
        }
        assertEquals(1, l2Members.size());
        assertEquals(1, l3Members.size());
    }

    @Test
    void ipHashElseRoundRobinRotatesNonIpFrames() {
        Distributor distributor = make(LoadDistribution.IP_HASH_ELSE_RR);
        Set<Integer> arpMembers = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            arpMembers.add(distributor.select(frames.arp(1), 0));
        }
        assertEquals(4, arpMembers.size());
    }

    @Test
    void perVmPinsEachVmAndDealsVmsOverTheMembers() {
        Distributor distributor = make(LoadDistribution.PER_VM);
        int[] vmsPerMember = new int[4];
        for (int port = 0; port < 8; port++) {
            int member = distributor.select(frames.udp(port, 1, 1000, 80), port);
            for (int flow = 0; flow < 50; flow++) {
                assertEquals(member, distributor.select(frames.udp(port, flow, 2000 + flow, 443), port));
            }
            vmsPerMember[member]++;
        }
        assertEquals(java.util.List.of(2, 2, 2, 2), java.util.Arrays.stream(vmsPerMember).boxed().toList());
    }

    @Test
    void priorityAwareIsolatesLowPriorityVmsAndSendsOthersToTheLeastLoaded() {
        Distributor distributor = make(LoadDistribution.PRIORITY_AWARE);
        members.pending[0] = 5000;
        members.pending[1] = 100;
        members.pending[2] = 7000;
        for (int lowPort : new int[] {2, 3, 5}) {
            assertEquals(3, distributor.select(frames.udp(lowPort, 1, 1, 1), lowPort));
        }
        assertEquals(1, distributor.select(frames.udp(0, 1, 1, 1), 0));
        members.pending[1] = 9000;
        assertEquals(0, distributor.select(frames.udp(4, 1, 1, 1), 4), "never the isolation member");
    }

    @Test
    void tcpSessionPlacesNewConnectionsOnTheLeastLoadedAndKeepsThem() {
        Distributor distributor = make(LoadDistribution.TCP_SESSION);
        members.pending[0] = 100;
        members.pending[1] = 0;
        members.pending[2] = 100;
        members.pending[3] = 100;
        int member = distributor.select(frames.tcp(1, 2, 40000, 443, FrameHeaders.TCP_SYN), 0);
        assertEquals(1, member);
        members.pending[1] = 1_000_000;
        assertEquals(1, distributor.select(frames.tcp(1, 2, 40000, 443, FrameHeaders.TCP_ACK), 0));
        members.up[1] = false;
        distributor.rebuild();
        int moved = distributor.select(frames.tcp(1, 2, 40000, 443, FrameHeaders.TCP_ACK), 0);
        assertNotEquals(1, moved);
        members.pending[moved] = 5_000_000;
        assertEquals(moved, distributor.select(frames.tcp(1, 2, 40000, 443, FrameHeaders.TCP_ACK), 0),
                "after a failover the connection stays on its new member");
    }

    @Test
    void failoverOrderUsesTheFirstActiveMember() {
        Distributor distributor = make(LoadDistribution.FAILOVER_ORDER);
        assertEquals(0, distributor.select(frames.udp(1, 2, 3, 4), 0));
        members.up[0] = false;
        assertEquals(1, distributor.select(frames.udp(1, 2, 3, 4), 0));
    }

    @ParameterizedTest
    @EnumSource(value = LoadDistribution.class, names = {"PER_VM", "PRIORITY_AWARE"})
    void vmAwarePoliciesAreRefusedWithoutVmInformation(LoadDistribution policy) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Distributors.create(policy, members, null));
        assertTrue(refused.getMessage().contains(policy.shellName()), refused.getMessage());
        assertTrue(refused.getMessage().contains("round-robin"), refused.getMessage());
    }

    @Test
    void framesFromNoPortAreStillPlaced() {
        Distributor distributor = make(LoadDistribution.PER_VM);
        assertTrue(distributor.select(frames.udp(1, 2, 3, 4), FrameBuffer.NO_PORT) >= 0);
    }
}
