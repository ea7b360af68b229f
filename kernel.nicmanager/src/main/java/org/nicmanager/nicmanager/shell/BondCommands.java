package org.nicmanager.nicmanager.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.shell.ShownAsDuration;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.units.TimeSpan;
import org.nicmanager.nicmanager.bond.ArpMonitorSettings;
import org.nicmanager.nicmanager.bond.ArpValidate;
import org.nicmanager.nicmanager.bond.CarrierDelays;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.bond.MemberState;
import org.nicmanager.nicmanager.distribution.LoadBasedSettings;
import org.nicmanager.nicmanager.engine.BondReport;
import org.nicmanager.nicmanager.engine.BondService;
import org.nicmanager.nicmanager.engine.InboundCounts;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code bond:} commands (COMMANDS.md): create, delete, add, remove, policy, order, failback, list, show, and busy
 * (the {@code --failover-on-busy} setter).
 */
@Component(service = BondCommands.class, property = {"osgi.command.scope=bond", "osgi.command.function=create",
    "osgi.command.function=delete", "osgi.command.function=add", "osgi.command.function=remove",
    "osgi.command.function=policy", "osgi.command.function=order", "osgi.command.function=failback",
    "osgi.command.function=list", "osgi.command.function=show", "osgi.command.function=busy"})
public final class BondCommands {

    /**
     * A bond as COMMANDS.md shows it, in failover order; {@code policy} and {@code failback} as typed in commands.
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
     */
    public record BondView(String name, String policy, String policyAlias, String lacp, Aggregation aggregation, String failback,
            @ShownAsDuration Long failbackHoldDownNanos, List<String> carryingNow, List<BondMember> members,
            int mtuBytes,
            Map<String, Integer> memberMtus, String mtuWarning,
            List<String> absentNics, long failovers, long failbacks, long offeredFrames, long sentFrames,
            long queuedFrames, long droppedFrames, Map<DropReason, Long> dropped, InboundCounts inbound,
            List<HistoryEntry> history, ArpMonitorView arpMonitor, long mtuRedirects, long mtuRefusals,
            long rebalanceMoves, @ShownAsDuration long updelayNanos, @ShownAsDuration long downdelayNanos,
            Map<String, String> carrierDelayed, long flapsRiddenOut, @ShownAsDuration Long failoverOnBusyNanos,
            long busyRefusals, long busyRedirects, LoadBasedView loadBased) {

        static BondView of(BondReport report, String policyAlias) {
            BondInfo info = report.stats().info();
            BondStats stats = report.stats();
            List<String> absent = report.nics().stream().filter(nic -> stats.members().stream()
                    .noneMatch(member -> member.nic().equals(nic) && member.state() != MemberState.REMOVED)).toList();
            Map<String, Integer> mtus = new java.util.LinkedHashMap<>();
            stats.members().stream().filter(member -> member.state() != MemberState.REMOVED)
                    .sorted(java.util.Comparator.comparingInt(BondStats.Member::rank))
                    .forEach(member -> mtus.put(member.nic(), member.mtuBytes()));
            return new BondView(info.name(), info.policy().shellName(), policyAlias, info.lacp().name().toLowerCase(Locale.ROOT),
                    Aggregation.of(stats.lacp()), info.failback().name().toLowerCase(Locale.ROOT),
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
                    info.policy() == LoadDistribution.LOAD_BASED ? LoadBasedView.of(report.settings().loadBased())
                            : null);
        }

        private static Map<String, String> carrierDelayed(BondStats stats) {
            Map<String, String> delayed = new java.util.LinkedHashMap<>();
            stats.members().stream().filter(member -> member.carrierDelay() != null)
                    .sorted(java.util.Comparator.comparingInt(BondStats.Member::rank))
                    .forEach(member -> delayed.put(member.nic(), member.carrierDelay()));
            return delayed;
        }
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
                    monitor.missedMax(), stats.members().stream()
                            .filter(member -> member.state() != MemberState.REMOVED)
                            .sorted(java.util.Comparator.comparingInt(BondStats.Member::rank))
                            .map(member -> new ArpMember(member.nic(), member.state().name(), member.arpProbesSent(),
                                    member.arpAnswers(), member.arpValidated())).toList(), stats.arpProbesNotSent(),
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

    /** {@code bond:list}: one row per bond. */
    public record BondList(List<BondRow> bonds) {
    }

    public record BondRow(String name, String policy, int members, long active, long failovers, long failbacks) {
    }

    /** {@code bond:list --json}: every bond in full. */
    record BondDocuments(List<BondView> bonds) {
    }

    /** What an absent option reads as. */
    static final String ABSENT = "";

    private final BondService manager;
    private final PolicyAliases aliases;

    @Activate
    public BondCommands(@Reference BondService manager, @Reference PolicyAliases aliases) {
        this.manager = manager;
        this.aliases = aliases;
    }

    @Descriptor("Create a bond (no members yet)")
    public BondView create(
            @Descriptor("load distribution, e.g. per-vm, hash-l34, failover-order, load-based; or another system's"
                    + " name, e.g. active-backup, balance-tcp, loadbalance_srcid. Default: per-vm, or failover-order"
                    + " where the NIC manager knows no VMs (loadable)") @Parameter(
                    names = "--policy", absentValue = ABSENT) String policy,
            @Descriptor("when a recovered member returns: immediate, manual or delayed:DURATION (e.g. delayed:5s)")
            @Parameter(names = "--failback", absentValue = "immediate") String failback,
            @Descriptor("link aggregation: off (a host-side team), static (one link towards a static switch group),"
                    + " active or passive (LACP)") @Parameter(names = "--lacp", absentValue = "off") String lacp,
            @Descriptor("LACP: fast (partner sends every 1 s, times out after 3 s) or slow (30 s, 90 s)")
            @Parameter(names = "--lacp-rate", absentValue = ABSENT) String lacpRate,
            @Descriptor("LACP: fall back to active-backup when the partner speaks no LACP for this long, e.g. 10s;"
                    + " off (default) never") @Parameter(names = "--lacp-fallback", absentValue = ABSENT)
            String lacpFallback,
            @Descriptor("LACP: the aggregate carries traffic only while at least this many members distribute"
                    + " (default 1)") @Parameter(names = "--min-links", absentValue = ABSENT) String minLinks,
            @Descriptor("ARP monitor: IPv4 addresses to ask through every member, e.g. 10.0.0.1,10.0.0.2 (at most 16);"
                    + " a member no target answers is UNREACHABLE. Off when not given") @Parameter(names = "--arp-target",
                    absentValue = ABSENT) String arpTargets,
            @Descriptor("ARP monitor: time between two rounds of probes (default 1s)") @Parameter(
                    names = "--arp-interval", absentValue = ABSENT) String arpInterval,
            @Descriptor("ARP monitor: intervals without an answer before a member is UNREACHABLE (default 2)")
            @Parameter(names = "--arp-missed", absentValue = ABSENT) String arpMissed,
            @Descriptor("ARP monitor: what proves a member alive, as Linux's arp_validate: none (default; any frame"
                    + " received), active, backup, all (those members only by ARP answering the probes), filter,"
                    + " filter_active, filter_backup (the others only by ARP)") @Parameter(names = "--arp-validate",
                    absentValue = ABSENT) String arpValidate,
            @Descriptor("ARP monitor: any (default) or all: a validated member needs an answer from every target")
            @Parameter(names = "--arp-all-targets", absentValue = ABSENT) String arpAllTargets,
            @Descriptor("a member whose carrier returns carries traffic only after it stayed up this long, e.g. 2s"
                    + " (default 0)") @Parameter(names = "--updelay", absentValue = ABSENT) String updelay,
            @Descriptor("a member whose carrier goes is failed over only after it stayed down this long, e.g. 200ms"
                    + " (default 0)") @Parameter(names = "--downdelay", absentValue = ABSENT) String downdelay,
            @Descriptor("fail over a member whose transmit ring stays full this long, e.g. 500ms; it returns by the"
                    + " failback mode once it has room. off (default): a full ring makes frames wait for their member")
            @Parameter(names = "--failover-on-busy", absentValue = "off") String failoverOnBusy,
            @Descriptor("policy load-based: how busy a member must be before one of its VMs' ports moves, in % of its"
                    + " line rate, 1 to 99 (default 75)") @Parameter(names = "--load-based-threshold-percent",
                    absentValue = ABSENT) String loadBasedPercent,
            @Descriptor("policy load-based: for how long, in whole seconds from 1s to 1h (default 30s)") @Parameter(
                    names = "--load-based-window", absentValue = ABSENT) String loadBasedWindow,
            @Descriptor("the bond's name") String name) {
        PolicyNames.Chosen chosen = policy.equals(ABSENT) ? new PolicyNames.Chosen(manager.defaultPolicy(), null)
                : PolicyNames.parse(policy);
        BondSettings settings = settings(failback).withLacp(lacpSettings(lacp, lacpRate, lacpFallback, minLinks))
                .withArpMonitor(arpValidation(arpMonitor(arpTargets, arpInterval, arpMissed), arpValidate,
                        arpAllTargets))
                .withCarrierDelays(new CarrierDelays(carrierDelay("--updelay", updelay),
                        carrierDelay("--downdelay", downdelay)))
                .withFailoverOnBusy(failoverOnBusyNanos(failoverOnBusy))
                .withLoadBased(loadBased(chosen.policy(), loadBasedPercent, loadBasedWindow));
        BondReport created;
        try {
            created = manager.create(name, chosen.policy(), settings);
        } catch (IllegalArgumentException refused) {
            throw namingAlias(chosen, refused);
        }
        aliases.remember(name, chosen);
        return view(created);
    }

    /** The view of a bond, with the alias its policy was given by if that is still its policy. */
    private BondView view(BondReport report) {
        BondInfo info = report.stats().info();
        return BondView.of(report, aliases.aliasOf(info.name(), info.policy()));
    }

    /**
     * A refusal of the policy an alias stands for (the loadable NIC manager refuses VM-aware policies) names the alias
     * too, so the operator sees why {@code loadbalance_srcid} was refused.
     */
    private static IllegalArgumentException namingAlias(PolicyNames.Chosen chosen, IllegalArgumentException refused) {
        String canonical = "policy " + chosen.policy().shellName() + " ";
        if (chosen.alias() == null || refused.getMessage() == null || !refused.getMessage().startsWith(canonical)) {
            return refused;
        }
        return new IllegalArgumentException("policy " + chosen.alias() + " means " + chosen.policy().shellName()
                + " here; " + refused.getMessage(), refused);
    }

    /** What {@code --arp-target}, {@code --arp-interval} and {@code --arp-missed} say, checked. */
    static ArpMonitorSettings arpMonitor(String targets, String interval, String missed) {
        if (targets.equals(ABSENT)) {
            for (String[] option : new String[][] {{"--arp-interval", interval}, {"--arp-missed", missed}}) {
                if (!option[1].equals(ABSENT)) {
                    throw new IllegalArgumentException(option[0] + " " + option[1] + " needs --arp-target");
                }
            }
            return ArpMonitorSettings.off();
        }
        long intervalNanos = ArpMonitorSettings.DEFAULT_INTERVAL_NANOS;
        if (!interval.equals(ABSENT)) {
            try {
                intervalNanos = TimeSpan.parse(interval).nanos();
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("bad --arp-interval '" + interval + "': a duration such as 500ms");
            }
        }
        int intervals = ArpMonitorSettings.DEFAULT_MISSED_MAX;
        if (!missed.equals(ABSENT)) {
            try {
                intervals = Integer.parseInt(missed.trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("bad --arp-missed '" + missed + "': a whole number from 1 to 255");
            }
        }
        return new ArpMonitorSettings(ArpMonitorSettings.parseTargets(targets), intervalNanos, intervals);
    }

    /**
     * What {@code --arp-validate} and {@code --arp-all-targets} add to the ARP monitor, checked: both need targets, and
     * {@code all} needs a mode that validates some member, since a member that is not validated lives by what it
     * receives, whatever the targets answer.
     */
    static ArpMonitorSettings arpValidation(ArpMonitorSettings monitor, String validate, String allTargets) {
        if (!monitor.on()) {
            for (String[] option : new String[][] {{"--arp-validate", validate}, {"--arp-all-targets", allTargets}}) {
                if (!option[1].equals(ABSENT)) {
                    throw new IllegalArgumentException(option[0] + " " + option[1] + " needs --arp-target");
                }
            }
            return monitor;
        }
        ArpValidate mode = validate.equals(ABSENT) ? ArpValidate.NONE : ArpValidate.parse("--arp-validate", validate);
        boolean all = !allTargets.equals(ABSENT) && ArpMonitorSettings.parseAllTargets("--arp-all-targets",
                allTargets);
        if (all && !mode.validates(true) && !mode.validates(false)) {
            throw new IllegalArgumentException("--arp-all-targets all needs a validating --arp-validate (active,"
                    + " backup, all, filter_active or filter_backup), not " + mode.linuxName() + ": a member that is"
                    + " not validated lives by what it receives, whatever the targets answer");
        }
        return monitor.withValidation(mode, all);
    }

    /** {@code --updelay} or {@code --downdelay}: a duration from 0 to a day; absent is 0. */
    static long carrierDelay(String option, String text) {
        if (text.equals(ABSENT) || text.trim().equals("0")) {
            return 0;
        }
        long nanos;
        try {
            nanos = TimeSpan.parse(text).nanos();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': a duration such as 200ms or 2s,"
                    + " 0 for none");
        }
        if (nanos < 0 || nanos > CarrierDelays.MAX_NANOS) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': from 0 to 24h");
        }
        return nanos;
    }

    /** What {@code --load-based-threshold-percent} and {@code --load-based-window} say, checked. */
    static LoadBasedSettings loadBased(LoadDistribution policy, String percent, String window) {
        if (policy != LoadDistribution.LOAD_BASED) {
            for (String[] option : new String[][] {{"--load-based-threshold-percent", percent},
                {"--load-based-window", window}}) {
                if (!option[1].equals(ABSENT)) {
                    throw new IllegalArgumentException(option[0] + " " + option[1] + " needs --policy load-based, not "
                            + policy.shellName());
                }
            }
        }
        int thresholdPercent = LoadBasedSettings.DEFAULT_THRESHOLD_PERCENT;
        if (!percent.equals(ABSENT)) {
            try {
                thresholdPercent = Integer.parseInt(percent.trim());
            } catch (NumberFormatException notANumber) {
                thresholdPercent = -1; // answered below with the allowed range
            }
            if (thresholdPercent < LoadBasedSettings.MIN_THRESHOLD_PERCENT
                    || thresholdPercent > LoadBasedSettings.MAX_THRESHOLD_PERCENT) {
                throw new IllegalArgumentException("bad --load-based-threshold-percent '" + percent + "': a whole"
                        + " percentage from " + LoadBasedSettings.MIN_THRESHOLD_PERCENT + " to "
                        + LoadBasedSettings.MAX_THRESHOLD_PERCENT);
            }
        }
        int windowSeconds = LoadBasedSettings.DEFAULT_WINDOW_SECONDS;
        if (!window.equals(ABSENT)) {
            long nanos;
            try {
                nanos = TimeSpan.parse(window).nanos();
            } catch (IllegalArgumentException bad) {
                nanos = -1; // answered below with the allowed range
            }
            if (nanos % TimeSpan.NANOS_PER_SECOND != 0
                    || nanos < LoadBasedSettings.MIN_WINDOW_SECONDS * TimeSpan.NANOS_PER_SECOND
                    || nanos > LoadBasedSettings.MAX_WINDOW_SECONDS * TimeSpan.NANOS_PER_SECOND) {
                throw new IllegalArgumentException("bad --load-based-window '" + window + "': a whole number of"
                        + " seconds from " + LoadBasedSettings.MIN_WINDOW_SECONDS + "s to 1h, e.g. 30s");
            }
            windowSeconds = (int) (nanos / TimeSpan.NANOS_PER_SECOND);
        }
        return new LoadBasedSettings(thresholdPercent, windowSeconds);
    }

    /** What {@code --lacp}, {@code --lacp-rate}, {@code --lacp-fallback} and {@code --min-links} say, checked. */
    static LacpSettings lacpSettings(String mode, String rate, String fallback, String minLinks) {
        LacpSettings off = LacpSettings.off();
        LacpSettings chosen = new LacpSettings(LacpSettings.parseMode(mode), false, 0, 1);
        if (!chosen.negotiates()) {
            for (String[] option : new String[][] {{"--lacp-rate", rate}, {"--lacp-fallback", fallback},
                {"--min-links", minLinks}}) {
                if (!option[1].equals(ABSENT)) {
                    throw new IllegalArgumentException(option[0] + " " + option[1] + " needs LACP (--lacp active or"
                            + " passive), not --lacp " + mode);
                }
            }
            return chosen.mode() == off.mode() ? off : chosen;
        }
        boolean fast = !rate.equals(ABSENT) && LacpSettings.parseFastRate(rate);
        long fallbackNanos = fallback.equals(ABSENT) || fallback.equals("off") ? 0 : fallbackNanos(fallback);
        int links = minLinks.equals(ABSENT) ? 1 : minLinks(minLinks);
        return new LacpSettings(chosen.mode(), fast, fallbackNanos, links);
    }

    private static long fallbackNanos(String text) {
        long nanos;
        try {
            nanos = TimeSpan.parse(text).nanos();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad --lacp-fallback '" + text + "': a duration such as 10s, or off");
        }
        if (nanos <= 0) {
            throw new IllegalArgumentException("bad --lacp-fallback '" + text + "': a duration above zero, or off");
        }
        return nanos;
    }

    private static int minLinks(String text) {
        try {
            int links = Integer.parseInt(text.trim());
            if (links >= 1 && links <= LacpSettings.MAX_MIN_LINKS) {
                return links;
            }
        } catch (NumberFormatException notANumber) {
            // answered below with the allowed range
        }
        throw new IllegalArgumentException("bad --min-links '" + text + "': a whole number from 1 to "
                + LacpSettings.MAX_MIN_LINKS);
    }

    @Descriptor("Delete a bond no virtual NIC uses; its NICs become unbonded")
    public String delete(@Descriptor("the bond") String bond) {
        manager.delete(bond);
        aliases.forget(bond);
        return "bond " + bond + " deleted";
    }

    @Descriptor("Change a bond's load-distribution policy; the tables are recomputed at once")
    public BondView policy(@Descriptor("the bond") String bond,
            @Descriptor("the policy, e.g. per-vm, hash-l34, failover-order, load-based; or another system's name,"
                    + " e.g. active-backup, balance-tcp, loadbalance_srcid") String policy) {
        PolicyNames.Chosen chosen = PolicyNames.parse(policy);
        BondReport changed;
        try {
            changed = manager.policy(bond, chosen.policy());
        } catch (IllegalArgumentException refused) {
            throw namingAlias(chosen, refused);
        }
        aliases.remember(bond, chosen);
        return view(changed);
    }

    @Descriptor("Set the explicit failover order: the NICs named come first, in that order; the rest follow")
    public BondView order(@Descriptor("the bond") String bond, @Descriptor("NIC names") String... nics) {
        return view(manager.order(bond, nicList("bond:order", bond, nics)));
    }

    @Descriptor("Put a recovered member back in service now (manual failback)")
    public BondView failback(@Descriptor("the bond") String bond, @Descriptor("the member NIC") String nic) {
        return view(manager.failback(bond, nic));
    }

    @Descriptor("Set --failover-on-busy of a running bond: fail over a member whose transmit ring stays full this long"
            + " (patent [0101]-[0102]); off: never, frames wait for their member")
    public BondView busy(@Descriptor("the bond") String bond,
            @Descriptor("a duration from 1ms to 1h, e.g. 500ms, or off") String duration) {
        return view(manager.failoverOnBusy(bond, failoverOnBusyNanos(duration)));
    }

    /** {@code off}, or a duration from 1 ms to 1 h. */
    static long failoverOnBusyNanos(String text) {
        if (text.equals("off")) {
            return 0;
        }
        try {
            long nanos = TimeSpan.parse(text).nanos();
            BondSettings.checkFailoverOnBusy(nanos);
            if (nanos != 0) {
                return nanos;
            }
        } catch (IllegalArgumentException bad) {
            // answered below with what is allowed
        }
        throw new IllegalArgumentException("bad failover-on-busy time '" + text + "': off, or a duration from 1ms to 1h"
                + " (e.g. 500ms)");
    }

    @Descriptor("Add NICs to a bond, at the end of its failover order")
    public BondView add(@Descriptor("the bond") String bond, @Descriptor("NIC names") String... nics) {
        return view(manager.add(bond, nicList("bond:add", bond, nics)));
    }

    @Descriptor("Take NICs out of a bond; it fails over from them at once")
    public BondView remove(@Descriptor("the bond") String bond, @Descriptor("NIC names") String... nics) {
        return view(manager.remove(bond, nicList("bond:remove", bond, nics)));
    }

    @Descriptor("List the bonds")
    public Object list(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<BondReport> bonds = manager.reports();
        if (json) {
            return new Json(new BondDocuments(bonds.stream().map(this::view).toList()));
        }
        return new BondList(bonds.stream().map(report -> report.stats().info()).map(info -> new BondRow(info.name(),
                info.policy().shellName(), info.members().size(),
                info.members().stream().filter(BondMember::active).count(), info.failovers(), info.failbacks()))
                .toList());
    }

    @Descriptor("Show a bond: members with state and load, policy, failovers and failbacks")
    public Object show(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the bond") String bond) {
        BondView view = view(manager.show(bond));
        return json ? new Json(view) : view;
    }

    private static List<String> nicList(String command, String bond, String[] nics) {
        if (nics.length == 0) {
            throw new IllegalArgumentException(command + " " + bond + ": name at least one NIC; usage: " + command
                    + " BOND NIC...");
        }
        return Arrays.asList(nics);
    }

    /** {@code immediate}, {@code manual} or {@code delayed:DURATION}. */
    static BondSettings settings(String failback) {
        BondSettings defaults = BondSettings.defaults();
        if (failback.equals("immediate")) {
            return defaults.withFailback(FailbackMode.IMMEDIATE, defaults.failbackHoldDownNanos());
        }
        if (failback.equals("manual")) {
            return defaults.withFailback(FailbackMode.MANUAL, defaults.failbackHoldDownNanos());
        }
        if (failback.startsWith("delayed:")) {
            return defaults.withFailback(FailbackMode.DELAYED,
                    TimeSpan.parse(failback.substring("delayed:".length())).nanos());
        }
        throw new IllegalArgumentException("unknown failback '" + failback
                + "'; allowed: immediate, manual, delayed:DURATION (e.g. delayed:5s)");
    }
}
