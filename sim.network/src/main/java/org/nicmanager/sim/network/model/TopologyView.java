package org.nicmanager.sim.network.model;

import java.util.List;

/** The simulated world for {@code hw:topology}: who is cabled to which switch port, and in what state. */
public record TopologyView(List<SwitchView> switches, List<LinkView> links) {

    public record SwitchView(String name, int ports, int portsInUse, String lacp, int macTableEntries) {
    }

    /** A device's cable: {@code kind} is NIC or HOST; {@code state} UP, DOWN (unplugged) or FAILED. */
    public record LinkView(String device, String kind, String mac, long speedBps, String switchName, int port,
            String state) {
    }
}
