package org.nicmanager.sim.network.model;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.api.SimulatedWorld;

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

    /**
     * Refuses, as {@link #addSwitch(String, int, PartnerLacp)} would, a switch whose name is taken, whose port count is
     * out of range, or that the world's limits leave no room for. Constant work, whatever the world holds.
     */
    void checkNewSwitch(String name, int ports);

    /** One switch as {@link #topology()} shows it, without building the whole report. */
    Optional<TopologyView.SwitchView> switchView(String name);

    /** "switches: a, b" or "there are no switches (...)", for refusals. */
    String switchNames();

    /** "a switch", "a NIC" or "a host", when {@code name} is taken in the world. */
    Optional<String> ownerKind(String name);

    /** The cable of one card or host as {@link #topology()} shows it. */
    Optional<TopologyView.LinkView> link(String device);

    /** A switch that does not aggregate links. @param ports 1..{@link #MAX_SWITCH_PORTS} */
    default void addSwitch(String name, int ports) {
        addSwitch(name, ports, PartnerLacp.OFF);
    }

    /**
     * A switch that aggregates links as {@code lacp} says: statically in groups ({@link #groupPorts}), or by LACP on
     * every port, as the partner of a host's bond (IEEE 802.1AX-2014).
     */
    void addSwitch(String name, int ports, PartnerLacp lacp);

    /**
     * Makes ports of a {@code --lacp static} switch one static link aggregation group named {@code group}: one logical
     * port for MAC learning, over which the switch spreads frames by flow hash. Ports are named by number or by the
     * device cabled to them. Refused, naming the reason, for a switch that does not aggregate statically, an unknown
     * or repeated port, or one already in a group; nothing changes then.
     */
    void groupPorts(String switchName, String group, List<String> ports);

    /** Returns a static group's ports to ports on their own. */
    void ungroupPorts(String switchName, String group);

    /**
     * Fault injection: the LACP of switch port {@code SW/N} stops sending LACPDUs while its carrier stays up, for
     * {@code forNanos} (0: until {@link #resumeLacp}). Its partner can only notice by timeout.
     */
    void silenceLacp(String switchPort, long forNanos);

    /** Ends a port's LACP silence. */
    void resumeLacp(String switchPort);

    /** How a switch aggregates, port by port, with each LACP port's machines and both ends' information. */
    SwitchLacpView switchLacp(String switchName);

    /**
     * Starts writing a pcap file of everything that crosses {@code port}: a card or host by name, or a switch port as
     * {@code SW/N}, into {@code file}, which the caller created off the world thread. It runs for {@code forNanos} of
     * kernel time (0: until stopped). Refused, naming the reason, for an unknown port or one already captured; the
     * caller then discards the file.
     */
    CaptureView startCapture(String port, CaptureFile file, long forNanos);

    /** Ends the capture on that port and closes its file. */
    CaptureView stopCapture(String port);

    /** Every capture made, running or ended. */
    List<CaptureView> captures();

    /** Ends every capture, closing the files: the world is going away. */
    void stopAllCaptures();

    /**
     * Completes once every ended capture's file is complete. Its writers run on their own threads: wait for this off
     * the world thread, before reading a file.
     */
    CompletableFuture<Void> capturesWritten();

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

    /**
     * Pulls the cable of a card or host, or the trunk between two switches named {@code SW1:SW2} (either order):
     * carrier drops at both ends at once, and only there. Cutting a trunk leaves every NIC and host on either switch
     * with its carrier, so to them the failure is silent: frames for the far side are dropped and counted (flooded
     * once the switch forgets the MACs behind the trunk). Events name a trunk as it was linked, {@code SW1:SW2}.
     * Pulling a pulled cable does nothing.
     */
    void unplug(String name);

    /** Plugs back a cable {@link #unplug} pulled; plugging a plugged cable does nothing. */
    void plug(String name);

    /** Fails a card's hardware or its transmit ring, for {@code forNanos} (0: until repaired). */
    void fail(String name, Fault fault, long forNanos);

    /** Clears every fault of a card; a card without a fault is left as it is. */
    void repair(String name);

    /**
     * Starts traffic from a host to a target (a host, card or MAC name as {@code aa:bb:..}). Frames carry
     * {@link org.nicmanager.lib.frames.FlowStamp}s; flows are numbered from 0. A host may run several sources.
     */
    void startTraffic(String host, TrafficSpec spec);

    /** Stops every traffic source of the host. */
    void stopTraffic(String host);

    /**
     * Attack traffic from an attacker attached to {@code viaSwitch} (null: the target's switch): minimum-size frames
     * at {@code rate} for {@code forNanos} (above 0). The switch's attacker endpoint is created on its first flood.
     */
    default void flood(String target, Rate rate, long forNanos, FloodKind kind, String viaSwitch) {
        flood(target, target, rate, forNanos, kind, viaSwitch);
    }

    /**
     * {@link #flood(String, Rate, long, FloodKind, String)}, its events naming the target as {@code subject}: a VM's
     * name where {@code target} is its vNIC's MAC.
     */
    void flood(String target, String subject, Rate rate, long forNanos, FloodKind kind, String viaSwitch);

    TopologyView topology();

    HostStats hostStats(String host);

    /** Per-port counters of a switch, for the ports in use. */
    List<PortStats> switchPorts(String switchName);

    /** Moves whenever a switch, NIC or host comes or goes, so that {@link #names} is built again only then. */
    long namesVersion();

    /** The hosts, NICs and switches by name, with their MACs, for the name directory; {@code owner} gave them. */
    List<NameEntry> names(String owner);
}
