package org.nicmanager.nicmanager.shell;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.shell.ShownAsDuration;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.bond.MemberState;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.engine.BondReport;
import org.nicmanager.nicmanager.engine.InboundCounts;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;

/**
 * A bond as COMMANDS.md shows it ({@code bond:show}, and each bond of {@code bond:list --json}), in failover order;
 * {@code policy} and {@code failback} as typed in commands. The shell prints it as a table or, asked for JSON, as one
 * document with the components in this order and under these names (the itests match that text); its accessors are
 * read by reflection from the shell's bundle, so the records are public.
 * {@code absentNics} are NICs given to the bond whose drivers are not loaded now: they rejoin when they are.
 * {@code aggregation} summarises the link aggregation ({@code lacp:show} has it in full); {@code arpMonitor} is
 * the ARP monitor, with each member's state (UNREACHABLE: carrier up, no answer) and probe counts;
 * {@code rebalanceMoves} counts the hash buckets a rebalancing policy ({@code hash-l34-rebalanced}) moved.
 * {@code mtuBytes} is the bond's MTU, its smallest member's; {@code memberMtus} each member's; {@code mtuWarning}
 * says, when they differ, where larger frames go ({@code mtuRedirects} of them went to another member than the
 * policy chose, {@code mtuRefusals} fitted no carrying member and were dropped TOO_LONG).
 * {@code failbackHoldDownNanos} is how long a recovered member must stay up before a {@code delayed} failback
 * returns it, {@code null} for the other modes; the text form prints it in units ({@code failbackHoldDown  2s}).
 * {@code policyAlias} is the other system's name the operator gave the policy (e.g. {@code active-backup} for
 * {@code failover-order}), {@code null} when the canonical name was used; it lives while the bond does and is
 * not kept in the configuration. {@code loadBased} gives the {@code load-based} policy's thresholds, {@code null}
 * for the other policies; its moves are {@code rebalanceMoves}, each in the history as {@code LOAD_MOVED}.
 * {@code updelayNanos} and {@code downdelayNanos} are how long a carrier change must last before the bond acts on
 * it (0: at once); {@code carrierDelayed} names each member whose change such a delay holds back now, with the
 * delay ({@code updelay} or {@code downdelay}); {@code flapsRiddenOut} counts carrier losses that came back within
 * the downdelay.
 * {@code failoverOnBusyNanos} is how long a member's ring may stay full before the member fails over as a whole,
 * {@code null} when off (the default: a full ring makes frames wait for their member); {@code busyRefusals}
 * counts transmits a member refused because its ring was full, {@code busyRedirects} the frames a spreading
 * policy (round-robin, least-loaded) sent to another member for that reason.
 * {@code carryingNow} names the members carrying traffic now, as {@code /proc/net/bonding}'s "Currently Active
 * Slave" does: those whose {@code role} is ACTIVE. Each member's {@code role} (ACTIVE, STANDBY, UNUSED or
 * NOT_SELECTED, by the policy) comes with a {@code roleReason} for people; {@code active} is true for ACTIVE only.
 * {@code awaitedPolicy} names the policy the bond was given while no service offers it (its bundle left) and the
 * bond runs the default {@code policy} meanwhile; {@code null} otherwise.
 */
public record BondView(String name, String policy, String policyAlias, String lacp, Aggregation aggregation,
        String failback, @ShownAsDuration Long failbackHoldDownNanos, List<String> carryingNow,
        List<BondMember> members, int mtuBytes, Map<String, Integer> memberMtus, String mtuWarning,
        List<String> absentNics, long failovers, long failbacks, long offeredFrames, long sentFrames,
        long queuedFrames, long droppedFrames, Map<DropReason, Long> dropped, InboundCounts inbound,
        List<HistoryEntry> history, ArpMonitorView arpMonitor, long mtuRedirects, long mtuRefusals,
        long rebalanceMoves, @ShownAsDuration long updelayNanos, @ShownAsDuration long downdelayNanos,
        Map<String, String> carrierDelayed, long flapsRiddenOut, @ShownAsDuration Long failoverOnBusyNanos,
        long busyRefusals, long busyRedirects, LoadBasedView loadBased, String awaitedPolicy) {

    static BondView of(BondReport report, String policyAlias) {
        BondInfo info = report.stats().info();
        BondStats stats = report.stats();
        List<String> absent = report.nics().stream().filter(nic -> stats.members().stream()
                .noneMatch(member -> member.nic().equals(nic) && member.state() != MemberState.REMOVED)).toList();
        Map<String, Integer> mtus = new LinkedHashMap<>();
        inBond(stats).forEach(member -> mtus.put(member.nic(), member.mtuBytes()));
        return new BondView(info.name(), info.policy(), policyAlias,
                info.lacp().name().toLowerCase(Locale.ROOT), Aggregation.of(stats.lacp()),
                info.failback().name().toLowerCase(Locale.ROOT),
                info.failback() == FailbackMode.DELAYED ? report.settings().failbackHoldDownNanos() : null,
                info.carryingNow(), info.members(),
                stats.mtuBytes(), mtus, stats.mtuWarning(), absent, info.failovers(),
                info.failbacks(), stats.offeredFrames(), stats.sentFrames(), stats.queuedFrames(),
                stats.droppedFrames(), stats.drops(),
                report.inbound(), report.history().stream().map(HistoryEntry::of).toList(),
                ArpMonitorView.of(stats), stats.mtuRedirects(), stats.mtuRefusals(), stats.rebalanceMoves(),
                stats.carrierDelays().upNanos(), stats.carrierDelays().downNanos(), carrierDelayed(stats),
                stats.flapsRiddenOut(),
                report.settings().failoverOnBusyNanos() == 0 ? null : report.settings().failoverOnBusyNanos(),
                stats.busyRefusals(), stats.busyRedirects(),
                Policies.LOAD_BASED.equals(info.policy()) ? LoadBasedView.of(report.settings().loadBased())
                        : null, report.awaitedPolicy());
    }

    /** The members still in the bond (not REMOVED), in failover order. */
    private static Stream<BondStats.Member> inBond(BondStats stats) {
        return stats.members().stream().filter(member -> member.state() != MemberState.REMOVED)
                .sorted(inFailoverOrder());
    }

    /** Failover order: by rank. (A method, not a constant: a record shown as JSON keeps to its components.) */
    private static Comparator<BondStats.Member> inFailoverOrder() {
        return Comparator.comparingInt(BondStats.Member::rank);
    }

    private static Map<String, String> carrierDelayed(BondStats stats) {
        Map<String, String> delayed = new LinkedHashMap<>();
        stats.members().stream().filter(member -> member.carrierDelay() != null).sorted(inFailoverOrder())
                .forEach(member -> delayed.put(member.nic(), member.carrierDelay()));
        return delayed;
    }

    /** When a load-based bond moves a VM's port: a member at or over the threshold in every second of the window. */
    public record LoadBasedView(int thresholdPercent, int windowSeconds) {

        static LoadBasedView of(LoadBasedSettings settings) {
            return new LoadBasedView(settings.thresholdPercent(), settings.windowSeconds());
        }
    }

    /**
     * The ARP monitor in brief: "off" (no members), or its targets, interval and missed-max; each member's state
     * (UNREACHABLE: carrier up, no life), probes sent and answers heard, and whether only validated ARP keeps it alive
     * now; probes not sent (no buffer, a full ring); the bond's own probes the switch flooded back into it (dropped);
     * {@code validate} and {@code allTargets} as Linux's {@code arp_validate} and {@code arp_all_targets}.
     */
    public record ArpMonitorView(String targets, String interval, int missedMax, List<ArpMember> members,
            long probesNotSent, long probesReturned, String validate, String allTargets) {

        static ArpMonitorView of(BondStats stats) {
            ArpMonitorSettings monitor = stats.arpMonitor();
            if (!monitor.on()) {
                return new ArpMonitorView("off", null, 0, List.of(), 0, 0, null, null); // JSON null: no interval
            }
            return new ArpMonitorView(monitor.targetsText(), TimeSpan.format(monitor.intervalNanos()),
                    monitor.missedMax(), inBond(stats).map(member -> new ArpMember(member.nic(),
                            member.state().name(), member.arpProbesSent(), member.arpAnswers(),
                            member.arpValidated())).toList(), stats.arpProbesNotSent(),
                    stats.arpProbesReturned(), monitor.validate().linuxName(), monitor.allTargetsName());
        }
    }

    /** One member as the ARP monitor sees it; {@code validated}: only validated ARP keeps it alive now. */
    public record ArpMember(String nic, String state, long probes, long answers, boolean validated) {

        /** The text form, in one line with the bond: {@code NIC:STATE probes/answers}, then {@code validated}. */
        @Override
        public String toString() {
            return nic + ":" + state + " " + probes + "/" + answers + (validated ? " validated" : "");
        }
    }

    /**
     * A bond's link aggregation in brief: the aggregator (OFF, STATIC, UP, DOWN or FALLBACK), the group chosen (null
     * for none), the LACPDU rate (null without LACP), min-links, the fallback time ("off" or a duration) and each
     * member's mux state.
     */
    public record Aggregation(String aggregator, String lag, String rate, int minLinks, String fallback,
            List<MuxState> mux) {

        static Aggregation of(LacpBondStatus status) {
            return new Aggregation(status.aggregator(), status.lag(), status.rate(), status.minLinks(),
                    status.fallbackNanos() == 0 ? "off" : TimeSpan.format(status.fallbackNanos()),
                    status.members().stream().map(member -> new MuxState(member.name(), member.mux())).toList());
        }
    }

    /** One member's mux machine: JSON {@code {"nic":"vmnic2","state":"DETACHED"}}, {@code state} null without LACP. */
    public record MuxState(String nic, String state) {

        /** The text form, in one line with the bond: {@code NIC:STATE}, {@code NIC:-} without LACP. */
        @Override
        public String toString() {
            return nic + ":" + (state == null ? "-" : state);
        }
    }

    /** One failover, failback or removal: kernel time in ns (text: in units, as {@code events}), the member, why. */
    public record HistoryEntry(@ShownAsDuration long time, String nic, String reason) {

        static HistoryEntry of(FailoverEvent event) {
            return new HistoryEntry(event.atNanos(), event.member(), event.reason().name());
        }
    }
}
