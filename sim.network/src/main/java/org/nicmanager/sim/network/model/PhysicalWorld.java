package org.nicmanager.sim.network.model;

import java.util.List;

import org.nicmanager.kernel.api.sim.SimulatedWorld;
import org.nicmanager.kernel.api.units.Rate;

/**
 * The simulated physical world's model: switches, cabled cards and external hosts, traffic and faults. Plain Java, no
 * OSGi; every method runs on the network world's thread. The OSGi components and the {@code hw:} commands of this
 * bundle drive it. Every refusal is an {@link IllegalArgumentException} naming the bad value and the allowed ones,
 * and changes nothing. Switches, NICs and hosts share one namespace.
 */
public interface PhysicalWorld extends SimulatedWorld {

    /** Ports per switch unless given. */
    int DEFAULT_SWITCH_PORTS = 24;

    /** Most ports a switch may have. */
    int MAX_SWITCH_PORTS = 1024;

    /** @param ports 1..{@link #MAX_SWITCH_PORTS} */
    void addSwitch(String name, int ports);

    /**
     * Cables a free port of one switch to a free port of another. Refused when they are already connected, directly or
     * through other switches: without spanning tree a loop would flood forever.
     *
     * @param speedBps the link's line rate, or 0 for the default host link speed
     */
    void linkSwitches(String switchA, String switchB, long speedBps);

    /**
     * An external host cabled to a free port of {@code switchName}, with its own link of {@code linkSpeedBps}.
     *
     * @param mac the host's MAC, or -1 for a generated one
     * @param ip the host's IPv4 address, or 0 for a generated one
     * @param linkSpeedBps the host link's line rate, or 0 for the world's default
     */
    void addHost(String name, String switchName, long mac, int ip, long linkSpeedBps);

    /** Makes a host send every unicast frame it receives back to its sender, addresses and ports swapped. */
    void setEcho(String host, boolean echo);

    /** Pulls the cable of a card or host: carrier drops at both ends at once. Pulling a pulled cable does nothing. */
    void unplug(String name);

    void plug(String name);

    /** Fails a card's hardware or its transmit ring, for {@code forNanos} (0: until repaired). */
    void fail(String name, Fault fault, long forNanos);

    /** Clears every fault of a card; a card without a fault is left as it is. */
    void repair(String name);

    /**
     * Starts traffic from a host to a target (a host, card or MAC name as {@code aa:bb:..}). Frames carry
     * {@link org.nicmanager.kernel.api.frame.FlowStamp}s; flows are numbered from 0. A host may run several sources.
     */
    void startTraffic(String host, TrafficSpec spec);

    /** Stops every traffic source of the host. */
    void stopTraffic(String host);

    /**
     * Attack traffic from an attacker attached to {@code viaSwitch} (null: the target's switch): minimum-size frames
     * at {@code rate} for {@code forNanos} (above 0). The switch's attacker endpoint is created on its first flood.
     */
    void flood(String target, Rate rate, long forNanos, FloodKind kind, String viaSwitch);

    TopologyView topology();

    HostStats hostStats(String host);

    /** Per-port counters of a switch, for the ports in use. */
    List<PortStats> switchPorts(String switchName);
}
