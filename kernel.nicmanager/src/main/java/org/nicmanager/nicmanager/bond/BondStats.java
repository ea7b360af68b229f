package org.nicmanager.nicmanager.bond;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;

/**
 * A snapshot of a bond: where every offered frame went ({@code offeredFrames == sentFrames + droppedFrames +
 * queuedFrames}), per member and in total, and its failovers.
 *
 * @param busyRefusals transmits a member refused because its ring was full
 * @param busyRedirects frames that went to another member because the chosen one was full
 * @param notificationsSent gratuitous ARPs put on a ring after failovers and failbacks
 * @param notificationsFailed gratuitous ARPs given up: no buffer, or the member left service first
 * @param macsSeen source MACs the bond announces after a failover
 * @param lacp the bond's link aggregation: mode, aggregator and each member's LACP state
 * @param droppedNotCollecting received frames dropped because LACP had not enabled their member for collecting
 * @param arpMonitor the ARP monitor's settings (off when it has no targets)
 * @param arpProbesNotSent probes that found no buffer or no room on the ring, or that a failing NIC handed back
 * @param arpProbesReturned the bond's own probes the switch flooded back into it through another member, dropped
 * @param rebalanceMoves hash buckets a rebalancing policy moved between members so far
 */
public record BondStats(String name, LoadDistribution policy, FailbackMode failback, List<Member> members,
        long offeredFrames, long sentFrames, long queuedFrames, long droppedFrames, Map<DropReason, Long> drops,
        long busyRefusals, long busyRedirects, long failovers, long failbacks, long notificationsSent,
        long notificationsFailed, int macsSeen, LacpBondStatus lacp, long droppedNotCollecting,
        ArpMonitorSettings arpMonitor, long arpProbesNotSent, long arpProbesReturned, long rebalanceMoves) {

    public BondStats {
        members = List.copyOf(members);
        drops = Map.copyOf(drops);
    }

    /**
     * @param carrying takes traffic now
     * @param waitingForFailback UP, failed over, and held out by the failback mode
     * @param sentFrames frames on its ring or beyond
     * @param returnedFrames frames its NIC handed back after a failure, resent on the others
     * @param recheckArmed its link is polled (DOWN or FAILED)
     * @param rank its place in the failover order, 0 first
     * @param arpProbesSent ARP monitor probes sent from the member
     * @param arpAnswers answers to them heard through the member
     */
    public record Member(int slot, int rank, String nic, MemberState state, boolean carrying, boolean waitingForFailback,
            long sentFrames, long sentBytes, long returnedFrames, long receivedFrames, boolean recheckArmed,
            long arpProbesSent, long arpAnswers) {
    }

    /** True when every offered frame is sent, dropped with a reason, or queued. */
    public boolean accountedFor() {
        return offeredFrames == sentFrames + droppedFrames + queuedFrames;
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    public Member member(int slot) {
        return members.get(slot);
    }

    /** The operator's view (kernel.api): the present members in failover order. */
    public BondInfo info() {
        List<BondMember> view = new ArrayList<>();
        List<Member> inOrder = new ArrayList<>(members);
        inOrder.sort(java.util.Comparator.comparingInt(Member::rank));
        for (Member member : inOrder) {
            if (member.state() == MemberState.REMOVED) {
                continue; // gone from the bond; an absent NIC it still wants shows in the NIC manager's report
            }
            LinkState link = member.state() == MemberState.UP || member.state() == MemberState.UNREACHABLE ? LinkState.UP
                    : member.state() == MemberState.FAILED ? LinkState.FAILED : LinkState.DOWN;
            view.add(new BondMember(member.nic(), link, member.carrying(), member.sentFrames(), member.sentBytes()));
        }
        return new BondInfo(name, policy, LacpMode.valueOf(lacp.mode().toUpperCase(java.util.Locale.ROOT)), failback,
                view, failovers, failbacks);
    }

    static BondStats of(Bond bond, BondMembers members, BondCounters counters, int queued, MacsSeen macs,
            FailbackPolicy failback, LinkRechecker rechecker, LacpBondStatus lacp, ArpMonitor monitor) {
        List<Member> list = new ArrayList<>();
        int[] rankOf = new int[members.count()];
        for (int rank = 0; rank < members.count(); rank++) {
            rankOf[members.slotAt(rank)] = rank;
        }
        for (int slot = 0; slot < members.count(); slot++) {
            list.add(new Member(slot, rankOf[slot], members.nic(slot).name(), members.state(slot), members.carrying(slot),
                    members.state(slot) == MemberState.UP && !members.carrying(slot) && members.failedOver(slot),
                    counters.sentFrames[slot], counters.sentBytes[slot], counters.returnedFrames[slot],
                    counters.receivedFrames[slot], rechecker.armed(slot), monitor.probesSent(slot),
                    monitor.answersHeard(slot)));
        }
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            if (counters.dropped(reason) > 0) {
                drops.put(reason, counters.dropped(reason));
            }
        }
        return new BondStats(bond.name(), bond.policy(), failback.mode(), list, counters.offered,
                counters.sentTotal(), queued, counters.droppedTotal(), drops, counters.busyRefusals,
                counters.busyRedirects, counters.failovers, counters.failbacks, counters.notificationsSent,
                counters.notificationsFailed, macs.size(), lacp, counters.droppedNotCollecting, monitor.settings(),
                monitor.probesNotSent(), monitor.probesReturned(), bond.rebalanceMoves());
    }
}
