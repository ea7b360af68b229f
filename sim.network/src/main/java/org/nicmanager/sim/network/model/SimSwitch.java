package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.Hashing;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.lib.lacp.LacpduCodec;

/**
 * A store-and-forward learning switch. It learns each frame's source MAC on the ingress port, sends known unicast out
 * of one port, and floods broadcast, multicast and unknown unicast to every other port whose link is up, never back
 * out of the ingress port. A flooded frame goes to the last such port itself and to the others as copies in fresh
 * pool buffers; a copy the pool cannot supply is counted on its port as {@code dropsNoBuffer}.
 *
 * <p>MAC entries age out {@code macAgingNanos} after they were last seen: lookups ignore expired entries, and one
 * aging timer, armed for the earliest expiry, sweeps them. A port whose link goes down loses its entries at once.
 *
 * <p>Link aggregation ({@link SwitchAggregation}): the links of one aggregation group form one logical port. MACs are
 * learned on it, a frame for it leaves by one of its distributing links chosen by flow hash, a flood sends it one copy,
 * and nothing is sent back into the group a frame came from. Frames for the IEEE 802.1D reserved addresses
 * (01-80-C2-00-00-00 to -0F) are never forwarded: LACPDUs go to the port's LACP machines, the rest are filtered.
 */
final class SimSwitch {

    /** Entries a switch's MAC table holds, as a modest hardware CAM does. */
    static final int MAC_TABLE_ENTRIES = 8192;
    static final int MAX_PORTS = 1024;
    private static final long RESERVED_GROUP_MASK = 0xFFFF_FFFF_FFF0L;
    private static final long RESERVED_GROUP = 0x0180_C200_0000L;

    private final String name;
    private final KernelScheduler scheduler;
    private final BufferPools buffers;
    private final int egressQueueFrames;
    private final SwitchPort[] ports;
    /** Port numbers in use, ascending, so flooding does not walk empty ports. */
    private final int[] usedPorts;
    private int usedCount;
    private final MacTable macs;
    private final Timer aging;
    private final List<SimSwitch> trunkNeighbours = new ArrayList<>();
    private final SwitchAggregation aggregation;
    /** Read in place to hash frames over an aggregator's links; one view, reused. */
    private final HeaderParser headers = new HeaderParser();
    /** Ports a flood goes to, gathered before the copies are made; sized once. */
    private final int[] floodTargets;

    SimSwitch(KernelScheduler scheduler, String name, int portCount, SimSettings settings, BufferPools buffers) {
        this(scheduler, name, portCount, settings, buffers, PartnerLacp.OFF, 0);
    }

    /** @param lacpSystem the switch's LACP system ID, a MAC no device uses (only read when it aggregates) */
    SimSwitch(KernelScheduler scheduler, String name, int portCount, SimSettings settings, BufferPools buffers,
            PartnerLacp lacp, long lacpSystem) {
        this.name = name;
        this.scheduler = scheduler;
        this.buffers = buffers;
        this.egressQueueFrames = settings.switchEgressQueueFrames();
        this.ports = new SwitchPort[portCount + 1];
        this.usedPorts = new int[portCount];
        this.macs = new MacTable(MAC_TABLE_ENTRIES, settings.macAgingNanos());
        this.aging = scheduler.newTimer("switch " + name + " MAC aging", this::ageEntries);
        this.floodTargets = new int[portCount];
        this.aggregation = new SwitchAggregation(this, scheduler, buffers, lacp, lacpSystem, MAX_PORTS);
    }

    String name() {
        return name;
    }

    int portCount() {
        return ports.length - 1;
    }

    /** The port numbered so, or null when it is free or out of range. */
    SwitchPort port(int number) {
        return number >= 1 && number < ports.length ? ports[number] : null;
    }

    SwitchAggregation aggregation() {
        return aggregation;
    }

    /** Forgets the MACs learned on a port or an aggregator (a logical port). */
    void forgetLogical(int logical) {
        macs.forgetPort(logical);
    }

    int portsInUse() {
        return usedCount;
    }

    boolean full() {
        return usedCount == portCount();
    }

    /** Ports in use, ascending. */
    List<SwitchPort> ports() {
        List<SwitchPort> list = new ArrayList<>(usedCount);
        for (int i = 0; i < usedCount; i++) {
            list.add(ports[usedPorts[i]]);
        }
        return list;
    }

    /** Live MAC entries now (expired ones are swept first). */
    int macEntries() {
        macs.sweep(scheduler.nanoTime());
        return macs.size();
    }

    /** The port {@code mac} was learned on, or {@link MacTable#NO_PORT}. */
    int portOf(long mac) {
        return macs.lookup(mac, scheduler.nanoTime());
    }

    /** The device cabled to port {@code number}, or {@code null} when the port is free. */
    String portDevice(int number) {
        SwitchPort port = number >= 1 && number < ports.length ? ports[number] : null;
        return port == null ? null : port.device();
    }

    List<SimSwitch> trunkNeighbours() {
        return trunkNeighbours;
    }

    /** Takes the lowest free port for {@code device}, whose link runs at {@code speedBps}. The caller checked room. */
    SwitchPort attach(String device, long speedBps) {
        int number = 1;
        while (ports[number] != null) {
            number++;
        }
        SwitchPort port = new SwitchPort(scheduler, this, number, device, speedBps, egressQueueFrames);
        ports[number] = port;
        int at = usedCount;
        while (at > 0 && usedPorts[at - 1] > number) {
            usedPorts[at] = usedPorts[at - 1];
            at--;
        }
        usedPorts[at] = number;
        usedCount++;
        aggregation.portAttached(port);
        return port;
    }

    /** Frees a port whose cable is already unplugged. */
    void detach(SwitchPort port) {
        aggregation.portDetached(port);
        int number = port.number();
        ports[number] = null;
        int at = 0;
        while (usedPorts[at] != number) {
            at++;
        }
        System.arraycopy(usedPorts, at + 1, usedPorts, at, usedCount - at - 1);
        usedCount--;
        macs.forgetPort(number);
    }

    void portLinkChanged(SwitchPort port, boolean up) {
        aggregation.linkChanged(port, up);
    }

    /** The forwarding decision for one frame that arrived on {@code ingress}. */
    void switchFrame(SwitchPort ingress, FrameBuffer frame) {
        byte[] data = frame.data();
        if (frame.length() < 12) {
            ingress.dropsFiltered++; // a runt without both MACs cannot be switched
            frame.release();
            return;
        }
        long destination = Bytes.mac(data, 0);
        if ((destination & RESERVED_GROUP_MASK) == RESERVED_GROUP) {
            if (destination == LacpduCodec.SLOW_PROTOCOLS_MULTICAST) {
                aggregation.slowProtocolFrame(ingress, frame);
            } else {
                ingress.dropsFiltered++;
                frame.release();
            }
            return;
        }
        if (!ingress.collecting) {
            ingress.dropsNotCollecting++; // a link LACP has not (yet) enabled for collection (6.4.15)
            frame.release();
            return;
        }
        long now = scheduler.nanoTime();
        long source = Bytes.mac(data, 6);
        if (!MacAddress.isMulticast(source) && macs.learn(source, ingress.logical, now) && !aging.armed()) {
            aging.armAt(now + macs.agingNanos());
        }
        int out = MacAddress.isMulticast(destination) ? MacTable.NO_PORT : macs.lookup(destination, now);
        if (out == MacTable.NO_PORT) {
            flood(ingress, frame);
        } else if (out == ingress.logical) {
            ingress.dropsFiltered++; // the destination sits behind the port the frame came in on
            frame.release();
        } else if (out < ports.length) {
            ports[out].forward(frame);
        } else {
            forwardToAggregator(aggregation.aggregator(out), ingress, frame);
        }
    }

    private void forwardToAggregator(Aggregator aggregator, SwitchPort ingress, FrameBuffer frame) {
        int link = aggregator == null ? -1 : aggregator.select(flowHash(frame));
        if (link < 0) {
            ingress.dropsFiltered++; // no link of the group distributes now
            frame.release();
            return;
        }
        ports[link].forward(frame);
    }

    /** The frame's flow hash: the 5-tuple when it has one, else its MACs (the parser reads both in place). */
    private long flowHash(FrameBuffer frame) {
        return headers.parse(frame) == FrameVerdict.OK ? headers.flowHash()
                : Hashing.mix(Bytes.mac(frame.data(), 0) * 31 + Bytes.mac(frame.data(), 6));
    }

    /**
     * To every port with a link but the ingress, once per logical port: an aggregator gets the copy on the link the
     * frame's hash picks, and the ingress's own aggregator gets none.
     */
    private void flood(SwitchPort ingress, FrameBuffer frame) {
        int targets = 0;
        long hash = 0;
        boolean hashed = false;
        for (int i = 0; i < usedCount; i++) {
            SwitchPort port = ports[usedPorts[i]];
            if (port == ingress || !port.up() || !port.distributing || port.logical == ingress.logical) {
                continue;
            }
            if (port.aggregated()) {
                if (!hashed) {
                    hash = flowHash(frame);
                    hashed = true;
                }
                if (port.aggregator.select(hash) != port.number()) {
                    continue;
                }
            }
            floodTargets[targets++] = port.number();
        }
        if (targets == 0) {
            ingress.dropsFiltered++; // no other port has a link
            frame.release();
            return;
        }
        for (int i = 0; i < targets - 1; i++) {
            SwitchPort port = ports[floodTargets[i]];
            FrameBuffer copy = buffers.copyOf(frame);
            if (copy == null) {
                port.dropsNoBuffer++;
            } else {
                port.forward(copy);
            }
        }
        ports[floodTargets[targets - 1]].forward(frame);
    }

    private void ageEntries() {
        long nextExpiry = macs.sweep(scheduler.nanoTime());
        if (nextExpiry != Long.MAX_VALUE) {
            aging.armAt(nextExpiry);
        }
    }

    @Override
    public String toString() {
        return "SimSwitch[" + name + " " + usedCount + "/" + portCount() + " ports]";
    }
}
