package org.nicmanager.kernel.core.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.MemberRole;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code nic:} commands (COMMANDS.md): the kernel's inventory of physical NICs with their state and counters. Every
 * NIC is read on the world thread, so one listing is one consistent moment.
 */
@Component(service = NicCommands.class, property = {
        "osgi.command.scope=nic", "osgi.command.function=list", "osgi.command.function=show"})
public final class NicCommands {

    /** The operator's view of a NIC's state: the link state, or BUSY while an UP NIC's transmit ring is full. */
    public enum NicState {
        UP, DOWN, FAILED, BUSY
    }

    /**
     * One row of {@code nic:list}. {@code bond} is null while the NIC is in no bond; {@code role} is what it does for
     * its bond by the bond's policy (ACTIVE, STANDBY, UNUSED, NOT_SELECTED), null with no bond.
     */
    public record NicRow(String name, String driver, long speedBps, NicState state, String bond, MemberRole role,
            long txFrames, long txBytes, long rxFrames, long rxBytes, long pendingBytes) {
    }

    /** What {@code nic:list} shows. */
    public record NicList(List<NicRow> nics) {
    }

    /**
     * What {@code nic:show} shows: identity, state, bond, its role there and why ({@code null} with no bond), queue and
     * every counter, drops split by cause.
     */
    public record NicDetails(String name, String driver, String mac, long speedBps, int mtuBytes, NicState state,
            String bond, MemberRole role, String roleReason, long pendingBytes, int pendingFrames, long txFrames, long txBytes, long rxFrames,
            long rxBytes, long txDropsTooLong, long txBusy, long txDropsLinkDown, long rxDropsTooLong,
            long rxDropsNotForUs, long rxDropsNoListener, long hardwareErrors) {
    }

    private final NetworkWorld world;
    private final NicInventory inventory;
    /** The NIC manager's bonds, when a NIC manager runs: for the bond column. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BondDirectory bonds;

    @Activate
    public NicCommands(@Reference NetworkWorld world, @Reference NicInventory inventory) {
        this.world = world;
        this.inventory = inventory;
    }

    @Descriptor("List the physical NICs: driver, speed, state (UP, DOWN, FAILED, BUSY), bond and role there (ACTIVE,"
            + " STANDBY, UNUSED, NOT_SELECTED), counters, pending bytes")
    public Object list(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("nothing else is taken") String... extra) {
        if (extra.length != 0) {
            throw new IllegalArgumentException("nic:list takes only --json; got '" + String.join(" ", extra) + "'");
        }
        Map<String, Membership> bondOf = bondOfNic();
        NicList list = world.call(() -> {
            List<NicRow> rows = new ArrayList<>();
            for (NicInfo info : inventory.nics()) {
                inventory.nic(info.name()).ifPresent(nic -> rows.add(row(info, nic, bondOf.get(info.name()))));
            }
            return new NicList(rows);
        });
        return json ? new Json(list) : list;
    }

    @Descriptor("Show one physical NIC with all its counters")
    public Object show(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the NIC's name, as nic:list shows it") String... name) {
        if (name.length != 1) {
            throw new IllegalArgumentException("nic:show takes one NIC name; got '" + String.join(" ", name) + "'");
        }
        Map<String, Membership> bondOf = bondOfNic();
        NicDetails details = world.call(() -> {
            for (NicInfo info : inventory.nics()) {
                if (info.name().equals(name[0])) {
                    PhysicalNic nic = inventory.nic(info.name()).orElseThrow(() -> unknown(name[0]));
                    return details(info, nic, bondOf.get(info.name()));
                }
            }
            throw unknown(name[0]);
        });
        return json ? new Json(details) : details;
    }

    private IllegalArgumentException unknown(String name) {
        String present = inventory.nics().stream().map(NicInfo::name).collect(Collectors.joining(", "));
        return new IllegalArgumentException("unknown NIC '" + name + "'; "
                + (present.isEmpty() ? "there are no NICs" : "NICs: " + present));
    }

    /** A NIC's bond and what it does there. */
    private record Membership(String bond, BondMember member) {
    }

    /** NIC name to the bond it is a member of; empty while no NIC manager runs. */
    private Map<String, Membership> bondOfNic() {
        BondDirectory directory = bonds;
        Map<String, Membership> bondOf = new HashMap<>();
        if (directory != null) {
            for (BondInfo bond : directory.bonds()) {
                bond.members().forEach(member -> bondOf.put(member.name(), new Membership(bond.name(), member)));
            }
        }
        return bondOf;
    }

    private static NicRow row(NicInfo info, PhysicalNic nic, Membership bond) {
        NicCounters counters = nic.counters();
        return new NicRow(info.name(), info.driver(), nic.speedBps(), state(nic), bond == null ? null : bond.bond(),
                bond == null ? null : bond.member().role(), counters.txFrames(), counters.txBytes(),
                counters.rxFrames(), counters.rxBytes(), nic.pendingBytes());
    }

    private static NicDetails details(NicInfo info, PhysicalNic nic, Membership bond) {
        NicCounters counters = nic.counters();
        return new NicDetails(info.name(), info.driver(), MacAddress.format(nic.macAddress()), nic.speedBps(),
                nic.mtuBytes(), state(nic), bond == null ? null : bond.bond(),
                bond == null ? null : bond.member().role(), bond == null ? null : bond.member().roleReason(),
                nic.pendingBytes(), nic.pendingFrames(), counters.txFrames(),
                counters.txBytes(), counters.rxFrames(), counters.rxBytes(), counters.txDropsTooLong(),
                counters.txBusy(), counters.txDropsLinkDown(), counters.rxDropsTooLong(), counters.rxDropsNotForUs(),
                counters.rxDropsNoListener(), counters.hardwareErrors());
    }

    private static NicState state(PhysicalNic nic) {
        LinkState link = nic.linkState();
        if (link == LinkState.FAILED) {
            return NicState.FAILED;
        }
        if (link == LinkState.DOWN) {
            return NicState.DOWN;
        }
        return nic.transmitRingFull() ? NicState.BUSY : NicState.UP;
    }
}
