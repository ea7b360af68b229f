package org.nicmanager.sim.network.model;

import java.util.List;

/** The simulated world for {@code hw:topology}: who is cabled to which switch port, and in what state. */
public record TopologyView(List<SwitchView> switches, List<LinkView> links) {

    public TopologyView {
        switches = List.copyOf(switches);
        links = List.copyOf(links);
    }

    /** {@code lacp}: off, static, active or passive; {@code lacpRate}: fast, slow, or null without LACP. */
    public record SwitchView(String name, int ports, int portsInUse, String lacp, int macTableEntries,
            String lacpRate) {
    }

    /**
     * A device's cable: {@code kind} is NIC, HOST, ATTACKER (a flood's endpoint) or SWITCH (a cable between two
     * switches, {@code device} naming the far switch port); {@code mac} the device's MAC, null for a SWITCH cable;
     * {@code state} UP, DOWN (unplugged or no carrier) or FAILED.
     *
     * @param lostFrames frames that were on this cable, either way, when its carrier dropped
     * @param inFlightFrames frames propagating along it now
     */
    public record LinkView(String device, String kind, String mac, long speedBps, String switchName, int port,
            String state, long lostFrames, int inFlightFrames) {
    }
}
