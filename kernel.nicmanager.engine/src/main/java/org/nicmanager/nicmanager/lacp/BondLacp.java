package org.nicmanager.nicmanager.lacp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.lacp.LacpKeys;
import org.nicmanager.lib.lacp.LacpParticipantView;
import org.nicmanager.lib.lacp.LacpPort;
import org.nicmanager.lib.lacp.LacpPortConfig;
import org.nicmanager.lib.lacp.LacpPortOwner;
import org.nicmanager.lib.lacp.LacpPortStatus;
import org.nicmanager.lib.lacp.LacpSelection;
import org.nicmanager.lib.lacp.Lacpdu;
import org.nicmanager.lib.lacp.LacpduCodec;
import org.nicmanager.lib.lacp.LacpduDefect;
import org.nicmanager.lib.lacp.LagId;

/**
 * A bond's LACP (patent [0071], [0086]-[0087]; IEEE 802.1AX-2014 6.4): one {@link LacpPort} per member, the bond as
 * the single aggregator, and the gates the bond's frame path reads: which members may collect and distribute.
 *
 * <p>Selection (6.4.14, {@link AggregatorSelection}): the bond takes the best group of links to one partner system and
 * key, and leaves the other links unselected. The aggregate carries traffic while at least min-links members
 * distribute. With fallback on, a bond whose partner speaks no LACP becomes active-backup.
 *
 * <p>LACPDUs are a control path: they come from a small pool of their own and go straight to a member's ring; one
 * that finds the ring full waits in front of everything else for the ring's next free descriptor, so that a saturated
 * link does not starve its partner of LACPDUs (what makes LACP flap elsewhere).
 */
public final class BondLacp implements LacpPortOwner {

    /** The source-port mark of our LACPDUs, so that a failing NIC's handed-back frames can be told apart. */
    public static final int LACPDU_PORT = Integer.MIN_VALUE + 1;
    /** Linux bonding's defaults: the switch, with a lower number, is the system whose priorities decide. */
    static final int SYSTEM_PRIORITY = 65535;
    static final int PORT_PRIORITY = 255;
    private static final int MAX_MEMBERS = 32;
    private static final int BUFFERS = 2 * MAX_MEMBERS;

    private final String bond;
    private final LacpSettings settings;
    private final KernelScheduler scheduler;
    private final LacpMembers members;
    private final LacpPort[] ports = new LacpPort[MAX_MEMBERS];
    private final FrameBuffer[] pending = new FrameBuffer[MAX_MEMBERS];
    private final boolean[] distributing = new boolean[MAX_MEMBERS];
    private final boolean[] collecting = new boolean[MAX_MEMBERS];
    private final FramePool buffers = new FramePool(BUFFERS, LacpduCodec.FRAME_BYTES);
    private final LacpFallback fallback;
    private final Map<LacpduDefect, Long> malformed = new EnumMap<>(LacpduDefect.class);
    /** The actor's system ID: the MAC of the first member, as Linux bonding takes the first slave's. */
    private long system = -1;
    private LagId chosen;
    private boolean aggregateUp;
    private boolean selecting;
    private boolean selectAgain;
    private long lacpdusReceived;
    private long lacpdusSent;
    private long ignored;

    public BondLacp(String bond, LacpSettings settings, KernelScheduler scheduler, LacpMembers members) {
        if (!settings.negotiates()) {
            throw new IllegalArgumentException("bond " + bond + " runs no LACP in mode " + settings.modeName());
        }
        this.bond = bond;
        this.settings = settings;
        this.scheduler = scheduler;
        this.members = members;
        this.fallback = new LacpFallback(scheduler, bond, settings.fallbackNanos(), this::refresh);
    }

    // --- what the bond tells us ----------------------------------------------------------------------------------

    /** A NIC took this slot: it gets fresh LACP machines, keyed by its speed so only equal links aggregate. */
    public void memberAdded(int slot) {
        PhysicalNic nic = members.nic(slot);
        if (system < 0) {
            system = nic.macAddress();
        }
        if (ports[slot] != null) {
            ports[slot].close();
        }
        dropPending(slot);
        ports[slot] = new LacpPort(scheduler, bond + "/" + nic.name(), new LacpPortConfig(SYSTEM_PRIORITY, system,
                PORT_PRIORITY, slot + 1, LacpKeys.forSpeed(nic.speedBps()), settings.mode() == LacpMode.ACTIVE,
                settings.fastRate(), true), this);
        memberChanged(slot);
    }

    /** The member's link or presence changed. */
    public void memberChanged(int slot) {
        LacpPort port = ports[slot];
        if (port == null) {
            return;
        }
        boolean up = members.up(slot);
        if (!up) {
            dropPending(slot);
        }
        port.setEnabled(up);
        select();
        refresh();
    }

    /** A slow-protocol frame arrived on a member: an LACPDU for its machines, or counted and ignored. */
    public void received(int slot, FrameBuffer frame) {
        try {
            LacpduCodec.Decoded decoded = LacpduCodec.decode(frame.data(), frame.length());
            if (!decoded.ok()) {
                if (decoded.defect() == LacpduDefect.OTHER_SUBTYPE) {
                    ignored++; // the Marker protocol, say: not ours to answer
                } else {
                    malformed.merge(decoded.defect(), 1L, Long::sum);
                }
                return;
            }
            LacpPort port = ports[slot];
            if (port == null || !port.enabled()) {
                ignored++;
                return;
            }
            lacpdusReceived++;
            port.received(decoded.pdu());
            refresh();
        } finally {
            frame.release();
        }
    }

    /** The member's ring has room again: a waiting LACPDU goes first. */
    public void transmitReady(int slot) {
        FrameBuffer frame = pending[slot];
        if (frame == null) {
            return;
        }
        TransmitStatus status = members.nic(slot).transmit(frame);
        if (status == TransmitStatus.ACCEPTED) {
            pending[slot] = null;
            lacpdusSent++;
        } else if (status != TransmitStatus.BUSY) {
            dropPending(slot);
        }
    }

    /** May the member send the bond's frames now. Read on the frame path: an array read. */
    public boolean distributing(int slot) {
        return distributing[slot];
    }

    /** May the member receive frames for the bond now. */
    public boolean collecting(int slot) {
        return collecting[slot];
    }

    public void close() {
        for (int slot = 0; slot < MAX_MEMBERS; slot++) {
            if (ports[slot] != null) {
                ports[slot].close();
            }
            dropPending(slot);
        }
        fallback.close();
    }

    // --- selection (6.4.14) and the gates ------------------------------------------------------------------------

    private void select() {
        if (selecting) {
            selectAgain = true;
            return;
        }
        selecting = true;
        try {
            do {
                selectAgain = false;
                chosen = AggregatorSelection.best(ports, members, null, chosen);
                for (int slot = 0; slot < members.count(); slot++) {
                    LacpPort port = ports[slot];
                    if (port != null) {
                        // A link that is down is in no group, even if its last partner is the chosen one's.
                        LacpSelection wanted = chosen != null && port.enabled() && port.lagId().equals(chosen)
                                ? LacpSelection.SELECTED : LacpSelection.UNSELECTED;
                        if (port.selected() != wanted) {
                            port.setSelected(wanted);
                        }
                    }
                }
            } while (selectAgain);
        } finally {
            selecting = false;
        }
    }

    /** Recomputes the gates from the ports' mux states, min-links and fallback; tells the bond if they changed. */
    private void refresh() {
        boolean heard = false;
        boolean anyUp = false;
        int distributingCount = 0;
        int collectingCount = 0;
        for (int slot = 0; slot < members.count(); slot++) {
            LacpPort port = ports[slot];
            if (port != null && port.enabled()) {
                anyUp = true;
                heard |= port.partnerHeard();
                distributingCount += usable(port) && port.distributing() ? 1 : 0;
                collectingCount += usable(port) && port.collecting() ? 1 : 0;
            }
        }
        fallback.evaluate(heard, anyUp);
        aggregateUp = distributingCount >= settings.minLinks();
        boolean collectUp = collectingCount >= settings.minLinks();
        int backup = fallback.active() ? firstUp() : -1;
        boolean changed = false;
        for (int slot = 0; slot < members.count(); slot++) {
            LacpPort port = ports[slot];
            boolean usable = port != null && usable(port);
            boolean distribute = fallback.active() ? slot == backup : aggregateUp && usable && port.distributing();
            boolean collect = fallback.active() ? port != null && port.enabled()
                    : collectUp && usable && port.collecting();
            changed |= distribute != distributing[slot] || collect != collecting[slot];
            distributing[slot] = distribute;
            collecting[slot] = collect;
        }
        if (changed) {
            members.gatesChanged();
        }
    }

    private static boolean usable(LacpPort port) {
        return port.enabled() && port.selected() == LacpSelection.SELECTED;
    }

    private int firstUp() {
        for (int rank = 0; rank < members.count(); rank++) {
            int slot = members.slotAt(rank);
            if (ports[slot] != null && members.up(slot)) {
                return slot;
            }
        }
        return -1;
    }

    /** The failover order changed: fallback's active member may be another one now. */
    public void orderChanged() {
        refresh();
    }

    private void dropPending(int slot) {
        if (pending[slot] != null) {
            pending[slot].release();
            pending[slot] = null;
        }
    }

    // --- LacpPortOwner --------------------------------------------------------------------------------------------

    @Override
    public boolean transmit(LacpPort port, Lacpdu pdu) {
        int slot = port.config().port() - 1;
        FrameBuffer frame = buffers.acquire();
        if (frame == null) {
            return false;
        }
        PhysicalNic nic = members.nic(slot);
        frame.setLength(LacpduCodec.encode(pdu, nic.macAddress(), frame.data()));
        frame.setSourcePort(LACPDU_PORT);
        TransmitStatus status = nic.transmit(frame);
        if (status == TransmitStatus.ACCEPTED) {
            lacpdusSent++;
            return true;
        }
        if (status == TransmitStatus.BUSY) {
            dropPending(slot); // a newer LACPDU says everything the older one did
            pending[slot] = frame;
            return true;
        }
        frame.release();
        return false;
    }

    @Override
    public void selectionNeeded(LacpPort port) {
        select();
        refresh();
    }

    @Override
    public void muxChanged(LacpPort port) {
        refresh();
    }

    @Override
    public boolean aggregatorReady(LacpPort port) {
        for (LacpPort other : ports) {
            if (other != null && other.selected() == LacpSelection.SELECTED && other.waitingToAttach()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void waitEnded(LacpPort port) {
        List<LacpPort> others = new ArrayList<>();
        for (LacpPort other : ports) {
            if (other != null && other != port && other.selected() == LacpSelection.SELECTED) {
                others.add(other);
            }
        }
        others.forEach(LacpPort::runMachines);
    }

    // --- inspection ------------------------------------------------------------------------------------------------

    public boolean inFallback() {
        return fallback.active();
    }

    /** The group the bond selected, or {@code null}. */
    public LagId chosen() {
        return chosen;
    }

    /** The group selection would choose if these members' links failed ({@code gone[slot]}), or {@code null}. */
    public LagId chosenWithout(boolean[] gone) {
        return AggregatorSelection.best(ports, members, gone, chosen);
    }

    /** True when the member's link is up and belongs to that group. */
    public boolean inGroup(int slot, LagId group) {
        LacpPort port = ports[slot];
        return port != null && port.enabled() && port.lagId().equals(group);
    }

    /** Why this member, though up, does not distribute now ({@link SelectionReason}); control path. */
    public String whyNotDistributing(int slot) {
        LacpPort port = ports[slot];
        if (port == null) {
            return "negotiating: no LACP machines yet";
        }
        int distributingPorts = 0;
        for (LacpPort other : ports) {
            distributingPorts += other != null && usable(other) && other.distributing() ? 1 : 0;
        }
        return SelectionReason.of(port, chosen, distributingPorts, settings.minLinks());
    }

    public LacpBondStatus status() {
        List<LacpBondStatus.Member> list = new ArrayList<>();
        int distributingMembers = 0;
        for (int rank = 0; rank < members.count(); rank++) {
            int slot = members.slotAt(rank);
            LacpPort port = ports[slot];
            if (port == null) {
                continue;
            }
            LacpPortStatus status = port.status();
            distributingMembers += distributing[slot] ? 1 : 0;
            list.add(new LacpBondStatus.Member(members.nic(slot).name(), status.mux().name(), status.rx().name(),
                    status.selected().name(), collecting[slot], distributing[slot],
                    LacpParticipantView.of(status.actor()), LacpParticipantView.of(status.partner()),
                    status.pdusReceived(), status.pdusSent()));
        }
        Map<String, Long> defects = new TreeMap<>();
        malformed.forEach((defect, count) -> defects.put(defect.name(), count));
        String aggregator = fallback.active() ? "FALLBACK" : aggregateUp ? "UP" : "DOWN";
        return new LacpBondStatus(bond, settings.modeName(), settings.rateName(), settings.minLinks(),
                settings.fallbackNanos(), aggregator, chosen == null ? null : chosen.toString(), distributingMembers,
                list, lacpdusReceived, lacpdusSent, defects, ignored);
    }
}
