package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.nicmanager.kernel.api.frame.MacAddress;

/** Snapshots of the world for the shell: the topology and per-port counters. Control path only. */
final class WorldReport {

    private WorldReport() {
    }

    static TopologyView topology(Inventory inventory) {
        List<TopologyView.SwitchView> switches = new ArrayList<>();
        for (SimSwitch switchBox : inventory.switches()) {
            switches.add(switchView(switchBox));
        }
        List<TopologyView.LinkView> links = new ArrayList<>();
        for (SimCard card : inventory.cards()) {
            links.add(link(card.name(), "NIC", card.macAddress(), card.port(), card.cable(), card.linkState().name()));
        }
        for (ExternalHost host : inventory.hosts()) {
            links.add(link(host.name(), host.kind() == ExternalHost.Kind.HOST ? "HOST" : "ATTACKER", host.mac(),
                    host.port(), host.cable(), upOrDown(host.cable())));
        }
        for (Cable trunk : inventory.trunks()) {
            SwitchPort near = (SwitchPort) trunk.a();
            SwitchPort far = (SwitchPort) trunk.b();
            links.add(new TopologyView.LinkView(far.owner().name() + "/" + far.number(), "SWITCH", null,
                    trunk.speedBps(), near.owner().name(), near.number(), upOrDown(trunk), trunk.lostFrames(),
                    trunk.inFlightFrames()));
        }
        links.sort(Comparator.comparing(TopologyView.LinkView::switchName).thenComparingInt(
                TopologyView.LinkView::port));
        return new TopologyView(switches, links);
    }

    static TopologyView.SwitchView switchView(SimSwitch switchBox) {
        PartnerLacp lacp = switchBox.aggregation().settings();
        return new TopologyView.SwitchView(switchBox.name(), switchBox.portCount(), switchBox.portsInUse(),
                lacp.modeName(), switchBox.macEntries(), lacp.speaksLacp() ? lacp.rateName() : null);
    }

    /** One card's or host's cable, found by name. */
    static Optional<TopologyView.LinkView> link(Inventory inventory, String device) {
        SimCard card = inventory.card(device);
        if (card != null) {
            return Optional.of(link(card.name(), "NIC", card.macAddress(), card.port(), card.cable(),
                    card.linkState().name()));
        }
        ExternalHost host = inventory.host(device);
        return host == null ? Optional.empty() : Optional.of(link(host.name(), host.kind() == ExternalHost.Kind.HOST
                ? "HOST" : "ATTACKER", host.mac(), host.port(), host.cable(), upOrDown(host.cable())));
    }

    private static TopologyView.LinkView link(String device, String kind, long mac, SwitchPort port, Cable cable,
            String state) {
        return new TopologyView.LinkView(device, kind, MacAddress.format(mac), cable.speedBps(), port.owner().name(),
                port.number(), state, cable.lostFrames(), cable.inFlightFrames());
    }

    private static String upOrDown(Cable cable) {
        return cable.carrierUp() ? "UP" : "DOWN";
    }

    static List<PortStats> ports(SimSwitch switchBox) {
        List<PortStats> stats = new ArrayList<>();
        for (SwitchPort port : switchBox.ports()) {
            stats.add(new PortStats(port.number(), port.device(), port.up() ? "UP" : "DOWN", port.rxFrames,
                    port.rxBytes, port.txFrames, port.txBytes, port.dropsQueueFull, port.dropsLinkDown,
                    port.dropsNoBuffer, port.dropsFiltered, port.queuedFrames(), port.dropsNotCollecting));
        }
        return stats;
    }
}
