package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.teaming.LacpMode;

/** Checks a request for a static link aggregation group before anything changes; every refusal names its reason. */
final class StaticGroups {

    private StaticGroups() {
    }

    static void group(SimSwitch switchBox, String group, List<String> portNames) {
        PartnerLacp settings = switchBox.aggregation().settings();
        if (settings.mode() != LacpMode.STATIC) {
            throw new IllegalArgumentException("switch '" + switchBox.name() + "' aggregates "
                    + (settings.mode() == LacpMode.OFF ? "no links (--lacp off)"
                            : "by LACP (--lacp " + settings.modeName() + "), which forms its groups by negotiation")
                    + "; static groups need a switch added with --lacp static");
        }
        if (group == null || group.isBlank() || group.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad group name '" + group + "': use a word without spaces");
        }
        if (portNames.isEmpty()) {
            throw new IllegalArgumentException("name the ports of group '" + group + "', by number or device");
        }
        List<SwitchPort> ports = new ArrayList<>();
        for (String name : portNames) {
            SwitchPort port = find(switchBox, name);
            if (ports.contains(port)) {
                throw new IllegalArgumentException("port " + port.number() + " (" + port.device() + ") is named twice");
            }
            if (port.aggregator != null) {
                throw new IllegalArgumentException("port " + port.number() + " (" + port.device() + ") is already in "
                        + port.aggregator.label + "; a port is in at most one group");
            }
            ports.add(port);
        }
        switchBox.aggregation().group(group, ports);
    }

    private static SwitchPort find(SimSwitch switchBox, String name) {
        for (SwitchPort port : switchBox.ports()) {
            if (String.valueOf(port.number()).equals(name) || port.device().equals(name)) {
                return port;
            }
        }
        throw new IllegalArgumentException("switch '" + switchBox.name() + "' has no port '" + name + "' in use;"
                + " ports: " + switchBox.ports().stream().map(port -> port.number() + " (" + port.device() + ")")
                        .reduce((x, y) -> x + ", " + y).orElse("(none)"));
    }
}
