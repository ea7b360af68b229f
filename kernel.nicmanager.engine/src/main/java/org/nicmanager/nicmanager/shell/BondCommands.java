package org.nicmanager.nicmanager.shell;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.CarrierDelays;
import org.nicmanager.nicmanager.engine.BondReport;
import org.nicmanager.nicmanager.engine.BondService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code bond:} commands (COMMANDS.md): create, delete, add, remove, policy, order, failback, list, show, and busy
 * (the {@code --failover-on-busy} setter). The console derives each command's usage and checks from these methods'
 * signatures and descriptions; {@link BondOptions} parses the options, {@link BondView} and {@link BondList} are what
 * the commands show.
 */
@Component(service = BondCommands.class, property = {"osgi.command.scope=bond", "osgi.command.function=create",
    "osgi.command.function=delete", "osgi.command.function=add", "osgi.command.function=remove",
    "osgi.command.function=policy", "osgi.command.function=order", "osgi.command.function=failback",
    "osgi.command.function=list", "osgi.command.function=show", "osgi.command.function=busy"})
public final class BondCommands {

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
            @Descriptor("load distribution, e.g. per-vm, hash-l34, failover-order, load-based, or a plugin's policy;"
                    + " or another system's name, e.g. active-backup, balance-tcp, loadbalance_srcid. Default: per-vm,"
                    + " or failover-order where the NIC manager knows no VMs (loadable)") @Parameter(
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
                : PolicyNames.parse(policy, manager::resolvePolicy);
        BondSettings settings = BondOptions.settings(failback)
                .withLacp(BondOptions.lacpSettings(lacp, lacpRate, lacpFallback, minLinks))
                .withArpMonitor(BondOptions.arpValidation(BondOptions.arpMonitor(arpTargets, arpInterval, arpMissed),
                        arpValidate, arpAllTargets))
                .withCarrierDelays(new CarrierDelays(BondOptions.carrierDelay("--updelay", updelay),
                        BondOptions.carrierDelay("--downdelay", downdelay)))
                .withFailoverOnBusy(BondOptions.failoverOnBusyNanos(failoverOnBusy))
                .withLoadBased(BondOptions.loadBased(chosen.policy(), loadBasedPercent, loadBasedWindow));
        return withPolicy(name, chosen, () -> manager.create(name, chosen.policy(), settings));
    }

    /**
     * Makes {@code bond}'s policy the one {@code chosen} by name ({@code change} does it) and remembers the alias it
     * was chosen by; a refusal names that alias too.
     */
    private BondView withPolicy(String bond, PolicyNames.Chosen chosen, Supplier<BondReport> change) {
        BondReport changed;
        try {
            changed = change.get();
        } catch (IllegalArgumentException refused) {
            throw namingAlias(chosen, refused);
        }
        aliases.remember(bond, chosen);
        return view(changed);
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
        String canonical = "policy " + chosen.policy() + " ";
        if (chosen.alias() == null || refused.getMessage() == null || !refused.getMessage().startsWith(canonical)) {
            return refused;
        }
        return new IllegalArgumentException("policy " + chosen.alias() + " means " + chosen.policy()
                + " here; " + refused.getMessage(), refused);
    }

    @Descriptor("Delete a bond no virtual NIC uses; its NICs become unbonded")
    public String delete(@Descriptor("the bond") String bond) {
        manager.delete(bond);
        aliases.forget(bond);
        return "bond " + bond + " deleted";
    }

    @Descriptor("Change a bond's load-distribution policy; the tables are recomputed at once")
    public BondView policy(@Descriptor("the bond") String bond,
            @Descriptor("the policy, e.g. per-vm, hash-l34, failover-order, load-based, or a plugin's; or another"
                    + " system's name,"
                    + " e.g. active-backup, balance-tcp, loadbalance_srcid") String policy) {
        PolicyNames.Chosen chosen = PolicyNames.parse(policy, manager::resolvePolicy);
        return withPolicy(bond, chosen, () -> manager.policy(bond, chosen.policy()));
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
        return view(manager.failoverOnBusy(bond, BondOptions.failoverOnBusyNanos(duration)));
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
            return new Json(new BondList.BondDocuments(bonds.stream().map(this::view).toList()));
        }
        return BondList.of(bonds);
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
}
