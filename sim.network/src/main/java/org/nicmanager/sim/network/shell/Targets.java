package org.nicmanager.sim.network.shell;

import java.util.EnumSet;
import java.util.Set;

import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.sim.network.WorldNames;

/**
 * How the {@code hw:} commands read a destination, a target or a port (COMMANDS.md: any VM, vNIC, host or NIC by name,
 * or a MAC): through the host's name directory, so that a VM's name works here as well as a host's. The world is then
 * handed a word it knows itself: its own host or NIC by name, anything else by MAC.
 */
final class Targets {

    /** What traffic and floods may be sent to. */
    static final Set<NameKind> DESTINATIONS = EnumSet.of(NameKind.VM, NameKind.VNIC, NameKind.HOST, NameKind.NIC,
            NameKind.ADDRESS);
    /** What a capture port may be named as, besides {@code SW/N}; only hosts and NICs of this world have a cable. */
    private static final Set<NameKind> PORTS = EnumSet.of(NameKind.HOST, NameKind.NIC, NameKind.SWITCH, NameKind.VM,
            NameKind.VNIC);
    private static final Set<NameKind> CABLED = EnumSet.of(NameKind.HOST, NameKind.NIC);

    private final NameDirectory names;

    Targets(NameDirectory names) {
        this.names = names;
    }

    /**
     * A destination as the world takes it: the name of its host or NIC, or the MAC of a VM (its first vNIC), a vNIC, a
     * NIC it does not have, or a MAC no one claims.
     *
     * @throws IllegalArgumentException for an unknown name, listing the names that exist by kind
     */
    String destination(String role, String text) {
        NameEntry entry = names.resolve(role, text, DESTINATIONS);
        return inThisWorld(entry) ? entry.name() : entry.mac().toString();
    }

    /**
     * A capture port as the world takes it: {@code SW/N} as given (the world checks the switch and the port), else a
     * host or NIC of this world by name or MAC.
     *
     * @throws IllegalArgumentException for an unknown name, listing the names that exist, or for a name of something
     *         that has no cable here, saying what to capture instead
     */
    String port(String text) {
        if (text.indexOf('/') > 0) {
            return text;
        }
        NameEntry entry = names.resolve("port", text, PORTS);
        if (inThisWorld(entry)) {
            return entry.name();
        }
        String what = switch (entry.kind()) {
            case SWITCH -> "'" + entry.name() + "' is a switch; capture one of its ports as " + entry.name() + "/N";
            case VM, VNIC -> "'" + entry.name() + "' is a " + (entry.kind() == NameKind.VM ? "VM" : "vNIC of "
                    + entry.within()) + ", which has no cable to capture on; capture its uplink NIC or the switch"
                    + " port that NIC is cabled to";
            default -> "'" + entry.name() + "' has no cable in the simulated world";
        };
        throw new IllegalArgumentException(what + "; " + names.listing(CABLED));
    }

    /** A host or NIC that the simulated world itself gave a name: it knows it by that name and has its cable. */
    private static boolean inThisWorld(NameEntry entry) {
        return CABLED.contains(entry.kind()) && entry.ownedBy(WorldNames.OWNER);
    }
}
