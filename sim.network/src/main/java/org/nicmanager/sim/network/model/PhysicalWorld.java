package org.nicmanager.sim.network.model;

import java.util.List;

import org.nicmanager.kernel.api.sim.SimulatedWorld;
import org.nicmanager.kernel.api.units.Rate;

/**
 * The simulated physical world's model: switches, cabled cards and external hosts, traffic and faults. Plain Java, no
 * OSGi; every method runs on the network world's thread. The OSGi components and the {@code hw:} commands of this
 * bundle drive it. Every refusal is an {@link IllegalArgumentException} naming the bad value and the allowed ones,
 * and changes nothing.
 */
public interface PhysicalWorld extends SimulatedWorld {

    /** Ports per switch unless given. */
    int DEFAULT_SWITCH_PORTS = 24;

    void addSwitch(String name, int ports);

    /**
     * An external host cabled to a free port of {@code switchName}, with its own link of {@code linkSpeedBps}.
     *
     * @param mac the host's MAC, or -1 for a generated one
     * @param ip the host's IPv4 address, or 0 for a generated one
     */
    void addHost(String name, String switchName, long mac, int ip, long linkSpeedBps);

    /** Pulls the cable of a card or host: carrier drops at both ends at once. */
    void unplug(String name);

    void plug(String name);

    /** Fails a card's hardware or its transmit ring, for {@code forNanos} (0: until repaired). */
    void fail(String name, Fault fault, long forNanos);

    void repair(String name);

    /**
     * Starts traffic from a host to a target (a host, card or MAC name as {@code aa:bb:..}). Frames carry
     * {@link org.nicmanager.kernel.api.frame.FlowStamp}s; flows are numbered from 0.
     */
    void startTraffic(String host, TrafficSpec spec);

    void stopTraffic(String host);

    /** Attack traffic from an attacker attached to {@code viaSwitch} (null: the target's switch). */
    void flood(String target, Rate rate, long forNanos, FloodKind kind, String viaSwitch);

    TopologyView topology();

    HostStats hostStats(String host);

    /** Per-port counters of a switch. */
    List<PortStats> switchPorts(String switchName);
}
