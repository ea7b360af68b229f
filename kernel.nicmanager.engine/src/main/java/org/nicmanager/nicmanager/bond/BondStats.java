package org.nicmanager.nicmanager.bond;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.teaming.MemberRole;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;

/**
 * A snapshot of a bond: where every offered frame went ({@code offeredFrames == sentFrames + droppedFrames +
 * queuedFrames}), per member and in total, and its failovers.
 *
 * @param busyRefusals transmits a member refused because its ring was full
 * @param busyRedirects frames a spreading policy sent to another member because the chosen one was full
 * @param notificationsSent gratuitous ARPs put on a ring after failovers and failbacks
 * @param notificationsFailed gratuitous ARPs given up: no buffer, or the member left service first
 * @param macsSeen source MACs the bond announces after a failover
 * @param lacp the bond's link aggregation: mode, aggregator and each member's LACP state
 * @param droppedNotCollecting received frames dropped because LACP had not enabled their member for collecting
 * @param arpMonitor the ARP monitor's settings (off when it has no targets)
 * @param arpProbesNotSent probes that found no buffer or no room on the ring, or that a failing NIC handed back
 * @param arpProbesReturned the bond's own probes the switch flooded back into it through another member, dropped
 * @param rebalanceMoves hash buckets a rebalancing policy moved between members so far
 * @param mtuRedirects frames sent on another member than the policy chose, because the chosen one's MTU was too small
 * @param mtuRefusals frames dropped TOO_LONG because no carrying member's MTU could carry them
 * @param carrierDelays the bond's updelay and downdelay
 * @param flapsRiddenOut carrier losses that came back within the downdelay, so no failover happened
 */
public record BondStats(String name, String policy, FailbackMode failback, List<Member> members,
        long offeredFrames, long sentFrames, long queuedFrames, long droppedFrames, Map<DropReason, Long> drops,
        long busyRefusals, long busyRedirects, long failovers, long failbacks, long notificationsSent,
        long notificationsFailed, int macsSeen, LacpBondStatus lacp, long droppedNotCollecting,
        ArpMonitorSettings arpMonitor, long arpProbesNotSent, long arpProbesReturned, long rebalanceMoves,
        long mtuRedirects, long mtuRefusals, CarrierDelays carrierDelays, long flapsRiddenOut) {

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
     * @param mtuBytes its NIC's MTU: the largest L3 packet it carries
     * @param arpValidated the ARP monitor accepts only validated ARP as its life now ({@code arp_validate}, its role)
     * @param carrierDelay {@code updelay} or {@code downdelay} while that delay holds back its carrier change, else
     *            {@code null}
     * @param role what it does for the bond now, by the policy ({@link MemberRoles})
     * @param roleReason why, for people
     */
    public record Member(int slot, int rank, String nic, MemberState state, boolean carrying, boolean waitingForFailback,
            long sentFrames, long sentBytes, long returnedFrames, long receivedFrames, boolean recheckArmed,
            long arpProbesSent, long arpAnswers, int mtuBytes, boolean arpValidated, String carrierDelay,
            MemberRole role, String roleReason) {
    }

    /**
     * The bond's MTU: its smallest present member's, the largest packet every member carries, which is what Linux
     * bonding (one MTU forced on all slaves) and a vSphere team (the vSwitch's MTU) promise; 0 with no member.
     */
    public int mtuBytes() {
        return present().mapToInt(Member::mtuBytes).min().orElse(0);
    }

    /**
     * Null when every present member has the same MTU; else what the operator must know: the MTUs, the bond's MTU, and
     * where larger frames go.
     */
    public String mtuWarning() {
        int smallest = mtuBytes();
        int largest = present().mapToInt(Member::mtuBytes).max().orElse(0);
        if (smallest == largest) {
            return null;
        }
        String mtus = present().map(member -> member.nic() + " " + member.mtuBytes())
                .collect(java.util.stream.Collectors.joining(", "));
        String larger = present().filter(member -> member.mtuBytes() > smallest).map(Member::nic)
                .collect(java.util.stream.Collectors.joining(", "));
        return "members' MTUs differ (" + mtus + "): the bond's MTU is " + smallest + ", its smallest member's;"
                + " larger frames go only through " + larger + ", and one no carrying member can take is dropped"
                + " TOO_LONG. Give every member the same MTU, as Linux bonding and vSphere teams do";
    }

    private java.util.stream.Stream<Member> present() {
        return members.stream().filter(member -> member.state() != MemberState.REMOVED);
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
            view.add(new BondMember(member.nic(), link, member.role() == MemberRole.ACTIVE, member.sentFrames(),
                    member.sentBytes(), member.role(), member.roleReason()));
        }
        return new BondInfo(name, policy, LacpMode.valueOf(lacp.mode().toUpperCase(java.util.Locale.ROOT)), failback,
                view, failovers, failbacks);
    }

    static BondStats of(Bond bond, BondMembers members, BondCounters counters, int queued, MacsSeen macs,
            FailbackPolicy failback, LinkRechecker rechecker, LacpBondStatus lacp, ArpMonitor monitor,
            CarrierDelayer delayer, MemberRoles roles, long nowNanos) {
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
                    monitor.answersHeard(slot), members.nic(slot).mtuBytes(), monitor.validated(slot),
                    delayer.upDelayRunning(slot) ? "updelay" : delayer.downDelayRunning(slot) ? "downdelay" : null,
                    roles.role(slot), roles.reason(slot, nowNanos)));
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
                monitor.probesNotSent(), monitor.probesReturned(), bond.rebalanceMoves(), counters.mtuRedirects,
                counters.mtuRefusals, delayer.delays(), delayer.flapsRiddenOut());
    }
}
