package org.nicmanager.sim.network.model;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.api.SimTopics;

/**
 * Starts and stops traffic sources and floods: checks every argument first (a refused request changes nothing),
 * resolves the target, and gives each source its own random stream split from the world's seed in creation order.
 */
final class TrafficControl {

    static final int MAX_FLOWS = 4096;
    static final int MAX_BURST_FRAMES = 65_536;
    /** Flow ids of flood frames start here, clear of the 0-based flows of ordinary traffic. */
    static final int FLOOD_FLOW_ID = 0x7F00_0000;
    private static final String ATTACKER_PREFIX = "attacker@";

    private final KernelScheduler scheduler;
    private final SimEvents events;
    private final SimSettings settings;
    private final BufferPools buffers;
    private final Inventory inventory;
    private final Cabling cabling;
    private final SplittableRandom seeds;
    /** The attacker endpoint of each switch that has carried a flood, by switch name; reused by later floods. */
    private final Map<String, ExternalHost> attackers = new HashMap<>();

    /** Where frames go: the MAC and address to put in them, and the switch behind which the target sits (or null). */
    record Target(long mac, int ip, SimSwitch switchBox) {
    }

    TrafficControl(KernelScheduler scheduler, SimEvents events, SimSettings settings, BufferPools buffers,
            Inventory inventory, Cabling cabling, long seed) {
        this.scheduler = scheduler;
        this.events = events;
        this.settings = settings;
        this.buffers = buffers;
        this.inventory = inventory;
        this.cabling = cabling;
        this.seeds = new SplittableRandom(seed);
    }

    void startTraffic(String hostName, TrafficSpec spec) {
        ExternalHost host = inventory.hostNamed(hostName);
        if (spec == null) {
            throw new IllegalArgumentException("no traffic spec given for host '" + hostName + "'");
        }
        Target target = resolve(spec.target());
        if (spec.frameBytes() < FrameWriter.MIN_FRAME_BYTES || spec.frameBytes() > FrameBuffer.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("bad frame size " + spec.frameBytes() + " bytes: expected "
                    + FrameWriter.MIN_FRAME_BYTES + ".." + FrameBuffer.MAX_FRAME_BYTES);
        }
        checkRate(spec.rate(), spec.frameBytes());
        if (spec.flows() < 1 || spec.flows() > MAX_FLOWS) {
            throw new IllegalArgumentException("bad flow count " + spec.flows() + ": expected 1.." + MAX_FLOWS);
        }
        if (spec.pattern() == null) {
            throw new IllegalArgumentException("no traffic pattern given; expected CBR, BURST or POISSON");
        }
        if (spec.pattern() == TrafficPattern.BURST
                && (spec.burstFrames() < 1 || spec.burstFrames() > MAX_BURST_FRAMES)) {
            throw new IllegalArgumentException("bad burst of " + spec.burstFrames() + " frames: expected 1.."
                    + MAX_BURST_FRAMES);
        }
        checkDuration(spec.forNanos());
        if (spec.frameCount() < 0) {
            throw new IllegalArgumentException("bad frame count " + spec.frameCount() + ": 0 (no limit) or more");
        }
        if (target.mac() == host.mac()) {
            throw new IllegalArgumentException("host '" + hostName + "' cannot send traffic to itself");
        }
        TrafficSource source = new TrafficSource(scheduler, host, buffers, TrafficSource.Shape.UDP, target.mac(),
                target.ip(), spec.frameBytes(), spec.flows(), 0, spec.pattern(), spec.burstFrames(), spec.rate(),
                seeds.split(), null);
        host.addSource(source);
        source.start(spec.forNanos(), spec.frameCount());
    }

    /** Stops every source of the host; returns how many were running. */
    int stopTraffic(String hostName) {
        return inventory.hostNamed(hostName).stopSources();
    }

    void flood(String targetText, String subject, Rate rate, long forNanos, FloodKind kind, String viaSwitch) {
        Target target = resolve(targetText);
        checkRate(rate, FrameWriter.MIN_FRAME_BYTES);
        if (forNanos <= 0) {
            throw new IllegalArgumentException("a flood needs a duration above 0, not " + forNanos + " ns");
        }
        if (kind == null) {
            throw new IllegalArgumentException("no flood kind given; expected UDP, SYN or BROADCAST");
        }
        SimSwitch via;
        if (viaSwitch != null) {
            via = inventory.switchNamed(viaSwitch);
        } else if (target.switchBox() != null) {
            via = target.switchBox();
        } else {
            throw new IllegalArgumentException("cannot tell which switch '" + subject + "' is behind (no switch has"
                    + " learned its MAC yet); name one with --via (" + inventory.switchNames() + ")");
        }
        ExternalHost attacker = attackers.get(via.name());
        if (attacker == null) {
            String name = attackerName(via);
            inventory.switchWithRoom(via.name(), name);
            attacker = cabling.host(name, ExternalHost.Kind.ATTACKER, via, cabling.newMac(Cabling.ATTACKER_MACS),
                    cabling.newHostIp(), settings.defaultHostLinkBps());
            attackers.put(via.name(), attacker);
        }
        TrafficSource.Shape shape = switch (kind) {
            case UDP -> TrafficSource.Shape.UDP;
            case SYN -> TrafficSource.Shape.SYN;
            case BROADCAST -> TrafficSource.Shape.BROADCAST;
        };
        TrafficSource source = new TrafficSource(scheduler, attacker, buffers, shape, target.mac(), target.ip(),
                FrameWriter.MIN_FRAME_BYTES, 1, FLOOD_FLOW_ID, TrafficPattern.CBR, 1, rate, seeds.split(),
                () -> events.post(SimTopics.FLOOD_ENDED, subject, kind.name()));
        attacker.addSource(source);
        events.post(SimTopics.FLOOD_STARTED, subject, kind.name());
        source.start(forNanos);
    }

    private String attackerName(SimSwitch via) {
        String name = ATTACKER_PREFIX + via.name();
        for (int suffix = 2; inventory.taken(name); suffix++) {
            name = ATTACKER_PREFIX + via.name() + "-" + suffix;
        }
        return name;
    }

    /** A host name, a NIC name, or a MAC as {@code aa:bb:cc:dd:ee:ff}. */
    Target resolve(String text) {
        ExternalHost host = text == null ? null : inventory.host(text);
        if (host != null) {
            return new Target(host.mac(), host.ip(), host.port().owner());
        }
        SimCard card = text == null ? null : inventory.card(text);
        if (card != null) {
            return new Target(card.macAddress(), Cabling.ipFor(card.macAddress()), card.port().owner());
        }
        long mac;
        try {
            mac = MacAddress.parse(text).bits();
        } catch (IllegalArgumentException notAMac) {
            throw new IllegalArgumentException("unknown target '" + text + "': expected a host, a NIC or a MAC like"
                    + " 02:00:00:00:00:01 (" + notAMac.getMessage() + ")", notAMac);
        }
        String owner = inventory.ownerOf(mac);
        if (owner != null) {
            Target owned = resolve(owner);
            return new Target(owned.mac(), owned.ip(), owned.switchBox());
        }
        return new Target(mac, Cabling.ipFor(mac), switchThatLearned(mac));
    }

    /** The switch that has learned {@code mac} on a port to a device (not a trunk), else the only switch, else null. */
    private SimSwitch switchThatLearned(long mac) {
        for (SimSwitch candidate : inventory.switches()) {
            int port = candidate.portOf(mac);
            if (port != MacTable.NO_PORT && inventory.switches().stream()
                    .noneMatch(other -> other.name().equals(candidate.portDevice(port)))) {
                return candidate;
            }
        }
        return inventory.switches().size() == 1 ? inventory.switches().iterator().next() : null;
    }

    private static void checkRate(Rate rate, int frameBytes) {
        if (rate == null || rate.perSecond() <= 0) {
            throw new IllegalArgumentException("bad rate " + rate + ": a rate above 0 is needed, e.g. 100Mbps or"
                    + " 150kpps");
        }
        if (TrafficSource.meanFrameGapNanos(rate, frameBytes) < 1) {
            throw new IllegalArgumentException("bad rate " + rate + ": more than one " + frameBytes
                    + "-byte frame per nanosecond");
        }
    }

    private static void checkDuration(long forNanos) {
        if (forNanos < 0) {
            throw new IllegalArgumentException("bad duration " + forNanos + " ns: 0 (until stopped) or more");
        }
    }
}
