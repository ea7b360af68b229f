package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.lacp.LacpKeys;
import org.nicmanager.lib.lacp.LacpPort;
import org.nicmanager.lib.lacp.LacpPortConfig;
import org.nicmanager.lib.lacp.LacpPortOwner;
import org.nicmanager.lib.lacp.LacpSelection;
import org.nicmanager.lib.lacp.Lacpdu;
import org.nicmanager.lib.lacp.LacpduCodec;
import org.nicmanager.lib.lacp.LagId;

/**
 * A switch's link aggregation: the LACP partner on every port of a switch that speaks LACP (IEEE 802.1AX-2014 6.4), or
 * the static groups of one that does not (6.7, "static" aggregation without a protocol). Its selection logic (6.4.14)
 * gives every Link Aggregation Group its own {@link Aggregator}, so all the links to one partner system and key become
 * one logical port. A port whose partner has never spoken LACP stays a port on its own, as switches let a host
 * without LACP use a port configured for it (Cisco's "individual" ports).
 *
 * <p>Everything here is a control path; only {@link SimSwitch}'s forwarding reads the results, per frame.
 */
final class SwitchAggregation implements LacpPortOwner {

    static final int SYSTEM_PRIORITY = 32768;
    static final int PORT_PRIORITY = 32768;
    private static final long PORT_MAC_PREFIX = 0x0250_0000_0000L;

    private final SimSwitch owner;
    private final KernelScheduler scheduler;
    private final BufferPools buffers;
    private final PartnerLacp settings;
    private final long system;
    private final Map<LagId, Aggregator> lacpGroups = new HashMap<>();
    private final Map<String, Aggregator> staticGroups = new HashMap<>();
    private final Aggregator[] byId;
    private final int firstId;
    /** Per silenced port, the timer that ends its silence (made the first time a port is silenced). */
    private final Map<Integer, Timer> silenceEnds = new HashMap<>();

    /** @param system the switch's LACP system ID, a MAC that no device uses */
    SwitchAggregation(SimSwitch owner, KernelScheduler scheduler, BufferPools buffers, PartnerLacp settings,
            long system, int maxPorts) {
        this.owner = owner;
        this.scheduler = scheduler;
        this.buffers = buffers;
        this.settings = settings;
        this.system = system;
        this.firstId = maxPorts + 1;
        this.byId = new Aggregator[maxPorts];
    }

    PartnerLacp settings() {
        return settings;
    }

    long system() {
        return system;
    }

    /** The source MAC of the LACPDUs a port sends (802.1AX-2014 6.2.11: the port's own address). */
    long portMac(int port) {
        return PORT_MAC_PREFIX | (system & 0xFFFF) << 16 | port;
    }

    Aggregator aggregator(int logical) {
        int index = logical - firstId;
        return index >= 0 && index < byId.length ? byId[index] : null;
    }

    // --- ports arriving, leaving, changing -----------------------------------------------------------------------

    void portAttached(SwitchPort port) {
        if (settings.speaksLacp()) {
            port.lacp = new LacpPort(scheduler, owner.name() + "/" + port.number(), new LacpPortConfig(SYSTEM_PRIORITY,
                    system, PORT_PRIORITY, port.number(), LacpKeys.forSpeed(port.speedBps()),
                    settings.mode() == LacpMode.ACTIVE, settings.fastRate(), true), this);
            place(port);
        }
    }

    void portDetached(SwitchPort port) {
        if (port.lacp != null) {
            port.lacp.close();
            port.lacp = null;
        }
        leave(port);
    }

    void linkChanged(SwitchPort port, boolean up) {
        if (port.lacp != null) {
            port.lacp.setEnabled(up); // the machines call back to place the port
        }
        if (port.aggregator != null) {
            port.aggregator.recompute(owner);
            if (!port.aggregator.anyUp(owner)) {
                owner.forgetLogical(port.aggregator.id);
            }
        } else if (!up) {
            owner.forgetLogical(port.number());
        }
    }

    /** A frame for the Slow_Protocols_Multicast address: an LACPDU for this port's machines, else filtered. */
    void slowProtocolFrame(SwitchPort ingress, FrameBuffer frame) {
        try {
            if (ingress.lacp == null) {
                ingress.dropsFiltered++; // 802.1D reserved address: never forwarded, and no LACP here to read it
                return;
            }
            LacpduCodec.Decoded decoded = LacpduCodec.decode(frame.data(), frame.length());
            if (decoded.ok()) {
                ingress.lacp.received(decoded.pdu());
            } else {
                ingress.lacpdusMalformed++;
            }
        } finally {
            frame.release();
        }
    }

    // --- fault injection ---------------------------------------------------------------------------------------------

    /**
     * The port's LACP stops sending while its carrier stays up (a hung control plane), for {@code forNanos} (0: until
     * {@link #resume}): what a bond must detect by timeout alone.
     */
    void silence(SwitchPort port, long forNanos) {
        if (port.lacp == null) {
            throw new IllegalArgumentException("switch '" + owner.name() + "' speaks no LACP (--lacp "
                    + settings.modeName() + "), so port " + port.number() + " has no LACP to silence");
        }
        port.lacpSilent = true;
        Timer end = silenceEnds.computeIfAbsent(port.number(), number -> scheduler.newTimer("switch "
                + owner.name() + "/" + number + " LACP silence", () -> resume(owner.port(number))));
        if (forNanos > 0) {
            end.armAfter(forNanos);
        } else {
            end.cancel();
        }
    }

    void resume(SwitchPort port) {
        if (port != null && port.lacpSilent) {
            port.lacpSilent = false;
            Timer end = silenceEnds.get(port.number());
            if (end != null) {
                end.cancel();
            }
            port.lacp.runMachines();
        }
    }

    // --- static groups ---------------------------------------------------------------------------------------------

    /** Makes these ports one static group (a logical port) named {@code group}. The caller checked the ports. */
    void group(String group, List<SwitchPort> ports) {
        if (staticGroups.containsKey(group)) {
            throw new IllegalArgumentException("switch '" + owner.name() + "' already has a group named '" + group
                    + "'; groups: " + String.join(", ", new java.util.TreeSet<>(staticGroups.keySet())));
        }
        Aggregator aggregator = newAggregator("static " + group, true);
        staticGroups.put(group, aggregator);
        for (SwitchPort port : ports) {
            join(port, aggregator);
            port.collecting = true;
            port.distributing = true;
        }
        aggregator.recompute(owner);
    }

    /** Returns the ports of a static group to ports on their own. */
    void ungroup(String group) {
        Aggregator aggregator = staticGroups.remove(group);
        if (aggregator == null) {
            throw new IllegalArgumentException("switch '" + owner.name() + "' has no group named '" + group
                    + "'; groups: " + (staticGroups.isEmpty() ? "(none)"
                            : String.join(", ", new java.util.TreeSet<>(staticGroups.keySet()))));
        }
        while (aggregator.memberCount() > 0) {
            leave(owner.port(aggregator.member(0)));
        }
    }

    Map<String, Aggregator> staticGroups() {
        return staticGroups;
    }

    // --- selection (6.4.14): one aggregator per LAG ID -----------------------------------------------------------

    /** Puts a LACP port where its partner says it belongs: in its LAG's aggregator, or on its own. */
    private void place(SwitchPort port) {
        LacpPort lacp = port.lacp;
        if (!lacp.partnerHeard()) {
            leave(port);
            port.collecting = true;
            port.distributing = true;
        } else {
            LagId lag = lacp.lagId();
            Aggregator target = lacpGroups.get(lag);
            if (target == null) {
                target = newAggregator(lag.toString(), false);
                lacpGroups.put(lag, target);
            }
            if (port.aggregator != target) {
                leave(port);
                join(port, target);
            }
            port.collecting = lacp.collecting();
            port.distributing = lacp.distributing();
            target.recompute(owner);
        }
        lacp.setSelected(LacpSelection.SELECTED);
    }

    private Aggregator newAggregator(String label, boolean isStatic) {
        for (int index = 0; index < byId.length; index++) {
            if (byId[index] == null) {
                Aggregator made = new Aggregator(firstId + index, label, isStatic, byId.length);
                byId[index] = made;
                return made;
            }
        }
        throw new IllegalStateException("switch " + owner.name() + " has no aggregator left");
    }

    private void join(SwitchPort port, Aggregator aggregator) {
        owner.forgetLogical(port.number()); // what was learned on the port alone now lives behind the aggregator
        port.aggregator = aggregator;
        port.logical = aggregator.id;
        aggregator.add(port.number());
    }

    private void leave(SwitchPort port) {
        Aggregator aggregator = port.aggregator;
        if (aggregator == null) {
            return;
        }
        aggregator.remove(port.number());
        port.aggregator = null;
        port.logical = port.number();
        port.collecting = true;
        port.distributing = true;
        aggregator.recompute(owner);
        if (aggregator.memberCount() == 0) {
            owner.forgetLogical(aggregator.id);
            byId[aggregator.id - firstId] = null;
            lacpGroups.values().remove(aggregator);
            staticGroups.values().remove(aggregator);
        }
    }

    private SwitchPort portOf(LacpPort lacp) {
        return owner.port(lacp.config().port());
    }

    // --- LacpPortOwner ------------------------------------------------------------------------------------------

    @Override
    public boolean transmit(LacpPort lacp, Lacpdu pdu) {
        SwitchPort port = portOf(lacp);
        if (port == null || !port.up()) {
            return false;
        }
        if (port.lacpSilent) {
            port.lacpdusSilenced++;
            return true; // swallowed: the partner hears nothing, the machines go on as if it had been sent
        }
        FrameBuffer frame = buffers.acquire(LacpduCodec.FRAME_BYTES);
        if (frame == null) {
            return false;
        }
        frame.setLength(LacpduCodec.encode(pdu, portMac(port.number()), frame.data()));
        return port.sendControl(frame);
    }

    @Override
    public void selectionNeeded(LacpPort lacp) {
        SwitchPort port = portOf(lacp);
        if (port != null) {
            place(port);
        }
    }

    @Override
    public void muxChanged(LacpPort lacp) {
        SwitchPort port = portOf(lacp);
        if (port != null && port.aggregator != null) {
            port.collecting = lacp.collecting();
            port.distributing = lacp.distributing();
            port.aggregator.recompute(owner);
        }
    }

    @Override
    public boolean aggregatorReady(LacpPort lacp) {
        SwitchPort port = portOf(lacp);
        if (port == null || port.aggregator == null) {
            return true;
        }
        Aggregator aggregator = port.aggregator;
        for (int i = 0; i < aggregator.memberCount(); i++) {
            SwitchPort member = owner.port(aggregator.member(i));
            if (member != null && member.lacp != null && member.lacp.waitingToAttach()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void waitEnded(LacpPort lacp) {
        SwitchPort port = portOf(lacp);
        if (port == null || port.aggregator == null) {
            return;
        }
        List<LacpPort> others = new ArrayList<>();
        for (int i = 0; i < port.aggregator.memberCount(); i++) {
            SwitchPort member = owner.port(port.aggregator.member(i));
            if (member != port && member != null && member.lacp != null) {
                others.add(member.lacp);
            }
        }
        others.forEach(LacpPort::runMachines);
    }
}
