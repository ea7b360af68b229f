package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;

/**
 * The world's things by name: switches, cards and external hosts share one namespace. Every lookup that fails throws
 * an {@link IllegalArgumentException} that names the bad value and what there is instead.
 */
final class Inventory {

    private static final int MAX_NAME_CHARS = 64;

    private final Map<String, SimSwitch> switches = new TreeMap<>();
    private final Map<String, SimCard> cards = new TreeMap<>();
    private final Map<String, ExternalHost> hosts = new TreeMap<>();
    /** Cables between two switches. */
    private final List<Cable> trunks = new ArrayList<>();
    /** Counts the additions and removals of switches, cards and hosts: names change only when it moves. */
    private long version;
    /** Ports of all switches together, for {@link WorldLimits#maxSwitchPorts()}. */
    private long switchPorts;

    /** Refuses a malformed name or one already taken by a switch, NIC or host. */
    void requireFreeName(String name, String what) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_CHARS || name.chars().anyMatch(
                Character::isWhitespace)) {
            throw new IllegalArgumentException("bad " + what + " name '" + name + "': use 1.." + MAX_NAME_CHARS
                    + " characters without spaces");
        }
        String owner = ownerKind(name);
        if (owner != null) {
            throw new IllegalArgumentException("name '" + name + "' is already taken by " + owner
                    + "; NICs, hosts and switches need distinct names");
        }
    }

    boolean taken(String name) {
        return ownerKind(name) != null;
    }

    /** "a switch", "a NIC" or "a host" when {@code name} is taken, else null. */
    String ownerKind(String name) {
        return switches.containsKey(name) ? "a switch" : cards.containsKey(name) ? "a NIC"
                : hosts.containsKey(name) ? "a host" : null;
    }

    void add(SimSwitch switchBox) {
        switches.put(switchBox.name(), switchBox);
        version++;
        switchPorts += switchBox.portCount();
    }

    int switchCount() {
        return switches.size();
    }

    long switchPorts() {
        return switchPorts;
    }

    int hostCount() {
        return hosts.size();
    }

    /** The switch of that name, or null. */
    SimSwitch switchOrNull(String name) {
        return switches.get(name);
    }

    void add(SimCard card) {
        cards.put(card.name(), card);
        version++;
    }

    void add(ExternalHost host) {
        hosts.put(host.name(), host);
        version++;
    }

    long version() {
        return version;
    }

    /** The world's names for the name directory: hosts (attackers too), NICs and switches, with their MACs. */
    List<NameEntry> names(String owner) {
        List<NameEntry> names = new ArrayList<>(hosts.size() + cards.size() + switches.size());
        hosts.values().forEach(host -> names.add(new NameEntry(host.name(), NameKind.HOST,
                List.of(new MacAddress(host.mac())), owner)));
        cards.values().forEach(card -> names.add(new NameEntry(card.name(), NameKind.NIC,
                List.of(new MacAddress(card.macAddress())), owner)));
        switches.values().forEach(switchBox -> names.add(new NameEntry(switchBox.name(), NameKind.SWITCH, List.of(),
                owner)));
        return List.copyOf(names);
    }

    void addTrunk(Cable trunk) {
        trunks.add(trunk);
    }

    SimCard removeCard(String name) {
        SimCard removed = cards.remove(name);
        if (removed != null) {
            version++;
        }
        return removed;
    }

    SimSwitch switchNamed(String name) {
        SimSwitch found = switches.get(name);
        if (found == null) {
            throw new IllegalArgumentException("unknown switch '" + name + "'; " + listing("switches",
                    switches.keySet(), "add one with hw:switch add"));
        }
        return found;
    }

    /** A switch with a free port for {@code device}; refuses an unknown or a full switch. */
    SimSwitch switchWithRoom(String name, String device) {
        SimSwitch found = switchNamed(name);
        if (found.full()) {
            throw new IllegalArgumentException("switch '" + name + "' has no free port for '" + device + "': all "
                    + found.portCount() + " ports are in use");
        }
        return found;
    }

    SimCard card(String name) {
        return cards.get(name);
    }

    SimCard cardNamed(String name) {
        SimCard found = cards.get(name);
        if (found == null) {
            String other = hosts.containsKey(name) ? "'" + name + "' is a host, not a NIC; " : "unknown NIC '" + name
                    + "'; ";
            throw new IllegalArgumentException(other + listing("NICs", cards.keySet(), "none are cabled"));
        }
        return found;
    }

    ExternalHost host(String name) {
        return hosts.get(name);
    }

    ExternalHost hostNamed(String name) {
        ExternalHost found = hosts.get(name);
        if (found == null) {
            String other = cards.containsKey(name) ? "'" + name + "' is a NIC, not a host; " : "unknown host '" + name
                    + "'; ";
            throw new IllegalArgumentException(other + listing("hosts", hosts.keySet(), "add one with hw:host add"));
        }
        return found;
    }

    /** A cable that can be unplugged, under the name its events carry. */
    record NamedCable(String name, Cable cable) {
    }

    /**
     * The cable of a card or host, or of a trunk named {@code SW1:SW2} in either order, for unplug and plug. A trunk's
     * name comes back as {@link #trunkName canonical}, so that its events do not depend on how it was typed.
     */
    NamedCable cableOf(String name) {
        SimCard card = cards.get(name);
        if (card != null) {
            return new NamedCable(name, card.cable());
        }
        ExternalHost host = hosts.get(name);
        if (host != null) {
            return new NamedCable(name, host.cable());
        }
        for (Cable trunk : trunks) {
            String canonical = trunkName(trunk);
            if (canonical.equals(name) || reversedTrunkName(trunk).equals(name)) {
                return new NamedCable(canonical, trunk);
            }
        }
        throw new IllegalArgumentException("unknown NIC, host or trunk '" + name + "'; " + listing("NICs",
                cards.keySet(), "no NICs") + "; " + listing("hosts", hosts.keySet(), "no hosts") + "; " + listing(
                        "trunks", trunks.stream().map(Inventory::trunkName).toList(),
                        "link two switches with hw:switch link"));
    }

    /** {@code SW1:SW2}, the switches in the order they were linked. */
    static String trunkName(Cable trunk) {
        return ((SwitchPort) trunk.a()).owner().name() + ":" + ((SwitchPort) trunk.b()).owner().name();
    }

    private static String reversedTrunkName(Cable trunk) {
        return ((SwitchPort) trunk.b()).owner().name() + ":" + ((SwitchPort) trunk.a()).owner().name();
    }

    /**
     * The cable end a capture names: a card or host by name, or a switch port as {@code SW/N}.
     *
     * @throws IllegalArgumentException naming the bad port and the forms allowed
     */
    CableEnd cableEnd(String port) {
        SimCard card = cards.get(port);
        if (card != null) {
            return card;
        }
        ExternalHost host = hosts.get(port);
        if (host != null) {
            return host;
        }
        int slash = port == null ? -1 : port.lastIndexOf('/');
        if (slash > 0 && switches.containsKey(port.substring(0, slash))) {
            SimSwitch switchBox = switches.get(port.substring(0, slash));
            String number = port.substring(slash + 1);
            SwitchPort found = number.chars().allMatch(Character::isDigit) && !number.isEmpty() && number.length() < 6
                    ? switchBox.port(Integer.parseInt(number)) : null;
            if (found == null) {
                throw new IllegalArgumentException("switch '" + switchBox.name() + "' has no port '" + number
                        + "' in use; its ports in use: " + switchBox.ports().stream()
                                .map(used -> String.valueOf(used.number())).reduce((x, y) -> x + ", " + y)
                                .orElse("(none)"));
            }
            return found;
        }
        throw new IllegalArgumentException("unknown port '" + port + "': name a NIC, a host, or a switch port as"
                + " SW/N; " + listing("NICs", cards.keySet(), "none") + "; " + listing("switches", switches.keySet(),
                        "none"));
    }

    /** The cable plugged into an end, or null. */
    Cable cableAt(CableEnd end) {
        if (end instanceof SimCard card) {
            return card.cable();
        }
        if (end instanceof ExternalHost host) {
            return host.cable();
        }
        return ((SwitchPort) end).cable();
    }

    /** The name of the card or host with burned-in {@code mac}, or {@code null}. */
    String ownerOf(long mac) {
        for (SimCard card : cards.values()) {
            if (card.macAddress() == mac) {
                return card.name();
            }
        }
        for (ExternalHost host : hosts.values()) {
            if (host.mac() == mac) {
                return host.name();
            }
        }
        return null;
    }

    Collection<SimSwitch> switches() {
        return switches.values();
    }

    Collection<SimCard> cards() {
        return cards.values();
    }

    Collection<ExternalHost> hosts() {
        return hosts.values();
    }

    List<Cable> trunks() {
        return trunks;
    }

    String switchNames() {
        return listing("switches", switches.keySet(), "none");
    }

    private static String listing(String what, Collection<String> names, String whenNone) {
        return names.isEmpty() ? "there are no " + what + " (" + whenNone + ")" : what + ": " + String.join(", ",
                names);
    }
}
