package org.nicmanager.nicmanager.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.units.TimeSpan;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.engine.BondService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code bond:} commands (COMMANDS.md): create, add, remove, list, show. */
@Component(service = BondCommands.class, property = {"osgi.command.scope=bond", "osgi.command.function=create",
    "osgi.command.function=add", "osgi.command.function=remove", "osgi.command.function=list",
    "osgi.command.function=show"})
public final class BondCommands {

    /** A bond as COMMANDS.md shows it; {@code policy} and {@code failback} as typed in commands. */
    public record BondView(String name, String policy, String lacp, String failback, List<BondMember> members,
            long failovers, long failbacks) {

        static BondView of(BondInfo info) {
            return new BondView(info.name(), info.policy().shellName(), info.lacp().name().toLowerCase(Locale.ROOT),
                    info.failback().name().toLowerCase(Locale.ROOT), info.members(), info.failovers(),
                    info.failbacks());
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

    private final BondService manager;

    @Activate
    public BondCommands(@Reference BondService manager) {
        this.manager = manager;
    }

    @Descriptor("Create a bond (no members yet)")
    public BondView create(
            @Descriptor("load distribution, e.g. round-robin, hash-l34, failover-order") @Parameter(
                    names = "--policy", absentValue = "round-robin") String policy,
            @Descriptor("when a recovered member returns: immediate, manual or delayed:DURATION (e.g. delayed:5s)")
            @Parameter(names = "--failback", absentValue = "immediate") String failback,
            @Descriptor("link aggregation: off (static and LACP arrive with link aggregation)") @Parameter(
                    names = "--lacp", absentValue = "off") String lacp,
            @Descriptor("the bond's name") String name) {
        if (!lacp.equals("off")) {
            throw new IllegalArgumentException("--lacp " + lacp + " is not available yet: bonds are host-side teams"
                    + " for now; allowed: off");
        }
        return BondView.of(manager.create(name, LoadDistribution.fromShellName(policy), settings(failback)));
    }

    @Descriptor("Add NICs to a bond, at the end of its failover order")
    public BondView add(@Descriptor("the bond") String bond, @Descriptor("NIC names") String... nics) {
        return BondView.of(manager.add(bond, nicList(nics)));
    }

    @Descriptor("Take NICs out of a bond; it fails over from them at once")
    public BondView remove(@Descriptor("the bond") String bond, @Descriptor("NIC names") String... nics) {
        return BondView.of(manager.remove(bond, nicList(nics)));
    }

    @Descriptor("List the bonds")
    public Object list(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<BondInfo> bonds = manager.bonds();
        if (json) {
            return new Json(new BondDocuments(bonds.stream().map(BondView::of).toList()));
        }
        return new BondList(bonds.stream().map(info -> new BondRow(info.name(), info.policy().shellName(),
                info.members().size(), info.members().stream().filter(BondMember::active).count(), info.failovers(),
                info.failbacks())).toList());
    }

    @Descriptor("Show a bond: members with state and load, policy, failovers and failbacks")
    public Object show(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the bond") String bond) {
        BondView view = BondView.of(manager.show(bond));
        return json ? new Json(view) : view;
    }

    private static List<String> nicList(String[] nics) {
        if (nics.length == 0) {
            throw new IllegalArgumentException("name at least one NIC");
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
