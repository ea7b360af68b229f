package org.nicmanager.sim.network.model;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimTopics;
import org.nicmanager.sim.api.SimulatedCard;

/**
 * The simulated physical world (DESIGN.md section 4, step 6): cards serialising at line rate, cables with carrier and
 * propagation delay, learning switches, external hosts, traffic, floods and faults, all on the kernel's scheduler.
 * Under the virtual clock the same seed and the same calls give the same numbers.
 *
 * <p>Call every method on the network world's thread. Each refusal names the bad value and changes nothing. After
 * set-up no frame costs an allocation: frames live in pooled buffers and every timer is made once and re-armed.
 */
public final class SimulatedNetwork implements PhysicalWorld {

    private final KernelScheduler scheduler;
    private final SimEvents events;
    private final SimSettings settings;
    private final BufferPools buffers;
    private final Inventory inventory = new Inventory();
    private final Cabling cabling;
    private final TrafficControl traffic;
    private final Captures captures;
    private long topologyReports;

    /**
     * A network on a world that is its own scheduler and driver rings, as a {@code WorldThread} is.
     *
     * @param events where physical events go (link, fault, flood)
     * @param seed seeds the random streams of traffic sources
     */
    public <W extends KernelScheduler & NetworkWorld & DriverRings> SimulatedNetwork(W world, SimEvents events,
            long seed, SimSettings settings) {
        this(world, world, world, events, seed, settings);
    }

    /**
     * @param world the world the cards' NICs belong to; their driver rings feed it
     * @param rings the driver contract through which the cards reach the world
     * @param events where physical events go (link, fault, flood)
     * @param seed seeds the random streams of traffic sources
     */
    public SimulatedNetwork(KernelScheduler scheduler, NetworkWorld world, DriverRings rings, SimEvents events,
            long seed, SimSettings settings) {
        if (scheduler == null || world == null || rings == null || events == null || settings == null) {
            throw new IllegalArgumentException("a simulated network needs a scheduler, a network world, driver"
                    + " rings, an event sink and settings");
        }
        this.scheduler = scheduler;
        this.events = events;
        this.settings = settings;
        this.buffers = new BufferPools(settings);
        this.cabling = new Cabling(scheduler, new DriverLink(world, rings), events, settings, inventory);
        this.traffic = new TrafficControl(scheduler, events, settings, buffers, inventory, cabling, seed);
        this.captures = new Captures(scheduler, inventory);
    }

    public SimSettings settings() {
        return settings;
    }

    /** Buffers of the world's pools in use now: frames queued, in flight or held by receivers. */
    public int buffersInUse() {
        return buffers.inUse();
    }

    /** Times the world's pools were found empty; each is also counted where the frame was dropped. */
    public long poolExhaustedCount() {
        return buffers.exhaustedCount();
    }

    // --- switches ------------------------------------------------------------------------------------------------

    @Override
    public void addSwitch(String name, int ports, PartnerLacp lacp) {
        inventory.requireFreeName(name, "switch");
        if (ports < 1 || ports > MAX_SWITCH_PORTS) {
            throw new IllegalArgumentException("bad port count " + ports + " for switch '" + name + "': expected 1.."
                    + MAX_SWITCH_PORTS);
        }
        if (lacp == null) {
            throw new IllegalArgumentException("no LACP setting for switch '" + name + "'; expected off, static,"
                    + " active or passive");
        }
        settings.limits().admitSwitch(name, ports, inventory.switchCount(), inventory.switchPorts());
        long system = lacp.speaksLacp() ? cabling.newMac(Cabling.SWITCH_SYSTEMS) : 0;
        inventory.add(new SimSwitch(scheduler, name, ports, settings, buffers, lacp, system));
    }

    @Override
    public void groupPorts(String switchName, String group, List<String> ports) {
        StaticGroups.group(inventory.switchNamed(switchName), group, ports);
    }

    @Override
    public void ungroupPorts(String switchName, String group) {
        inventory.switchNamed(switchName).aggregation().ungroup(group);
    }

    @Override
    public void silenceLacp(String switchPort, long forNanos) {
        if (forNanos < 0) {
            throw new IllegalArgumentException("bad silence duration " + forNanos + " ns: 0 (until resumed) or more");
        }
        SwitchPort port = switchPort(switchPort);
        port.owner().aggregation().silence(port, forNanos);
    }

    @Override
    public void resumeLacp(String switchPort) {
        SwitchPort port = switchPort(switchPort);
        port.owner().aggregation().resume(port);
    }

    private SwitchPort switchPort(String name) {
        if (!(inventory.cableEnd(name) instanceof SwitchPort port)) {
            throw new IllegalArgumentException("'" + name + "' is not a switch port; name one as SW/N, e.g. swA/1");
        }
        return port;
    }

    @Override
    public SwitchLacpView switchLacp(String switchName) {
        return SwitchReport.lacp(inventory.switchNamed(switchName));
    }

    @Override
    public void linkSwitches(String switchA, String switchB, long speedBps) {
        SimSwitch a = inventory.switchNamed(switchA);
        SimSwitch b = inventory.switchNamed(switchB);
        if (a == b) {
            throw new IllegalArgumentException("cannot link switch '" + switchA + "' to itself");
        }
        if (speedBps < 0) {
            throw new IllegalArgumentException("bad link speed " + speedBps + " bps: 0 (default) or more");
        }
        if (connected(a, b)) {
            throw new IllegalArgumentException("switches '" + switchA + "' and '" + switchB + "' are already"
                    + " connected; a second path would make a loop that floods forever");
        }
        inventory.switchWithRoom(switchA, switchB);
        inventory.switchWithRoom(switchB, switchA);
        cabling.trunk(a, b, speedBps == 0 ? settings.defaultHostLinkBps() : speedBps);
    }

    private static boolean connected(SimSwitch from, SimSwitch to) {
        Set<SimSwitch> seen = new HashSet<>();
        ArrayDeque<SimSwitch> frontier = new ArrayDeque<>(List.of(from));
        while (!frontier.isEmpty()) {
            SimSwitch next = frontier.poll();
            if (next == to) {
                return true;
            }
            if (seen.add(next)) {
                frontier.addAll(next.trunkNeighbours());
            }
        }
        return false;
    }

    @Override
    public List<PortStats> switchPorts(String switchName) {
        return WorldReport.ports(inventory.switchNamed(switchName));
    }

    // --- cards ---------------------------------------------------------------------------------------------------

    @Override
    public SimulatedCard createCard(String name, NicModel model, String switchName) {
        inventory.requireFreeName(name, "NIC");
        if (model == null) {
            throw new IllegalArgumentException("no NIC model given for '" + name + "'");
        }
        return cabling.card(name, model, inventory.switchWithRoom(switchName, name));
    }

    @Override
    public void destroyCard(String name) {
        SimCard card = inventory.removeCard(name);
        if (card != null) {
            card.disconnect();
            card.port().owner().detach(card.port());
        }
    }

    @Override
    public Optional<SimulatedCard> card(String name) {
        return Optional.ofNullable(inventory.card(name));
    }

    @Override
    public void fail(String name, Fault fault, long forNanos) {
        SimCard card = inventory.cardNamed(name);
        if (fault == null) {
            throw new IllegalArgumentException("no fault given for '" + name + "'; expected HARDWARE or RING");
        }
        if (forNanos < 0) {
            throw new IllegalArgumentException("bad fault duration " + forNanos + " ns: 0 (until repaired) or more");
        }
        card.fail(fault, forNanos);
    }

    @Override
    public void repair(String name) {
        SimCard card = inventory.cardNamed(name);
        card.repair(Fault.HARDWARE);
        card.repair(Fault.RING);
    }

    // --- hosts ---------------------------------------------------------------------------------------------------

    @Override
    public void addHost(String name, String switchName, long mac, int ip, long linkSpeedBps) {
        inventory.requireFreeName(name, "host");
        SimSwitch switchBox = inventory.switchWithRoom(switchName, name);
        if (mac != -1) {
            if (mac < 0 || mac > MacAddress.BROADCAST || MacAddress.isMulticast(mac)) {
                throw new IllegalArgumentException("bad MAC 0x" + Long.toHexString(mac) + " for host '" + name
                        + "': a host needs a 48-bit unicast MAC");
            }
            String owner = inventory.ownerOf(mac);
            if (owner != null) {
                throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " for host '" + name
                        + "' is already used by '" + owner + "'");
            }
        }
        if (linkSpeedBps < 0) {
            throw new IllegalArgumentException("bad link speed " + linkSpeedBps + " bps for host '" + name
                    + "': 0 (default) or more");
        }
        cabling.host(name, ExternalHost.Kind.HOST, switchBox, mac == -1 ? cabling.newMac(Cabling.HOST_MACS) : mac,
                ip == 0 ? cabling.newHostIp() : ip, linkSpeedBps == 0 ? settings.defaultHostLinkBps() : linkSpeedBps);
    }

    @Override
    public void setEcho(String host, boolean echo) {
        inventory.hostNamed(host).setEcho(echo);
    }

    @Override
    public HostStats hostStats(String host) {
        return inventory.hostNamed(host).stats();
    }

    // --- cables --------------------------------------------------------------------------------------------------

    @Override
    public void unplug(String name) {
        Inventory.NamedCable named = inventory.cableOf(name);
        if (named.cable().plugged()) {
            named.cable().unplug();
            events.post(SimTopics.UNPLUGGED, named.name(), null);
        }
    }

    @Override
    public void plug(String name) {
        Inventory.NamedCable named = inventory.cableOf(name);
        if (!named.cable().plugged()) {
            named.cable().plug();
            events.post(SimTopics.PLUGGED, named.name(), null);
        }
    }

    // --- traffic -------------------------------------------------------------------------------------------------

    @Override
    public void startTraffic(String host, TrafficSpec spec) {
        traffic.startTraffic(host, spec);
    }

    @Override
    public void stopTraffic(String host) {
        traffic.stopTraffic(host);
    }

    @Override
    public void flood(String target, String subject, Rate rate, long forNanos, FloodKind kind, String viaSwitch) {
        traffic.flood(target, subject, rate, forNanos, kind, viaSwitch);
    }

    // --- captures ------------------------------------------------------------------------------------------------

    @Override
    public CaptureView startCapture(String port, CaptureFile file, long forNanos) {
        return captures.start(port, file, forNanos);
    }

    @Override
    public CaptureView stopCapture(String port) {
        return captures.stop(port);
    }

    @Override
    public List<CaptureView> captures() {
        return captures.list();
    }

    @Override
    public void stopAllCaptures() {
        captures.stopAll();
    }

    @Override
    public long namesVersion() {
        return inventory.version();
    }

    @Override
    public List<NameEntry> names(String owner) {
        return inventory.names(owner);
    }

    @Override
    public CompletableFuture<Void> capturesWritten() {
        return captures.ended();
    }

    @Override
    public TopologyView topology() {
        topologyReports++;
        return WorldReport.topology(inventory);
    }

    /** How many whole topology reports were built: adding a thing must build none (issue 13, topology scale). */
    public long topologyReports() {
        return topologyReports;
    }

    @Override
    public void checkNewSwitch(String name, int ports) {
        inventory.requireFreeName(name, "switch");
        if (ports < 1 || ports > MAX_SWITCH_PORTS) {
            throw new IllegalArgumentException("bad port count " + ports + " for switch '" + name + "': expected 1.."
                    + MAX_SWITCH_PORTS);
        }
        settings.limits().admitSwitch(name, ports, inventory.switchCount(), inventory.switchPorts());
    }

    @Override
    public Optional<TopologyView.SwitchView> switchView(String name) {
        SimSwitch found = inventory.switchOrNull(name);
        return found == null ? Optional.empty() : Optional.of(WorldReport.switchView(found));
    }

    @Override
    public String switchNames() {
        return inventory.switchNames();
    }

    @Override
    public Optional<String> ownerKind(String name) {
        return Optional.ofNullable(inventory.ownerKind(name));
    }

    @Override
    public Optional<TopologyView.LinkView> link(String device) {
        return WorldReport.link(inventory, device);
    }
}
