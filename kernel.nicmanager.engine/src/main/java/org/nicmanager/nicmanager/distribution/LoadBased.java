package org.nicmanager.nicmanager.distribution;

import java.util.Arrays;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PortOwners;

/**
 * vSphere's "route based on physical NIC load": each VM's port (virtual NIC) is pinned to one member, as with
 * {@code per-vm} (patent [0082]), placed at its first frame on the member carrying the fewest ports; a port moves only when its member has been busy, at or over
 * {@link LoadBasedSettings#thresholdPercent()} % of its line rate in every second of the last
 * {@link LoadBasedSettings#windowSeconds()} seconds. Frames from a port no VM owns stay on one member by their
 * source MAC. Nothing moves frame by frame: the per-frame work is a table lookup.
 *
 * <p>Once a second ({@link #rebalance()}, on the bond's timer) it reads each member's transmit counters. When a member
 * has been busy for the whole window, it moves one of its ports to the least-loaded other member: the port whose
 * move leaves the busier of the two members least loaded, and only if that is less loaded than the busy member is
 * now, so a port never moves just to carry the hot spot elsewhere. Both members then need a whole window of new
 * evidence before they move another port.
 *
 * <p>A move must not reorder the port's frames: those still on the old member's ring would leave after the first ones
 * on the new member. So the port is held ({@link #HOLD}) for as long as the old member needs to put on the wire what
 * its ring held when the move began, and only then does it take the new member.
 */
final class LoadBased implements BondDistributor {

    /** How often the members' load is measured. */
    static final long SAMPLE_NANOS = 1_000_000_000L;
    /** Ethernet's bytes around each frame the kernel holds: 4 of FCS, 8 of preamble and delimiter, 12 of gap. */
    static final int WIRE_OVERHEAD_BYTES = 24;
    /** The largest frame on the wire when a move begins: a 9,000-byte jumbo frame with header, tag and overhead. */
    private static final long LARGEST_WIRE_FRAME_BYTES = 9_000 + 18 + WIRE_OVERHEAD_BYTES;
    /** Slots fit a byte, as in {@link BucketTable}. */
    private static final int SLOTS = 256;
    private static final int NONE = -1;

    private final MemberTable members;
    private final PortOwners vms;
    private final LoadBasedSettings settings;
    private final PortMoves moves;
    private final BucketTable unowned = new BucketTable();

    /** Per port: the member slot that carries it, {@link #NO_MEMBER}, or {@link #HOLD} while it moves. */
    private int[] memberOfPort = new int[0];
    /** Per port: bytes and frames selected so far (the frame path counts), and at the last sample. */
    private long[] portBytes = new long[0];
    private long[] portFrames = new long[0];
    private long[] portWireBytesAtSample = new long[0];
    /** Per port: bytes on the wire over the last second, overhead included. */
    private long[] portWireBytesLastSecond = new long[0];

    /** Per member slot: bytes it had put on the wire at the last sample (overhead included), while measured. */
    private final long[] wireBytesAtSample = new long[SLOTS];
    private final boolean[] measured = new boolean[SLOTS];
    private final long[] wireBytesLastSecond = new long[SLOTS];
    /** Per member slot: the ports it carries. */
    private final int[] portsOn = new int[SLOTS];
    /** Per member slot: consecutive seconds at or over the threshold, up to the window. */
    private final int[] busySeconds = new int[SLOTS];

    private int movingPort = NONE;
    private int movingFrom;
    private int movingTo;
    private int movingFromPercent;
    private int movingToPercent;
    private long holdNanos;
    private long nextRunNanos = SAMPLE_NANOS;
    private long moved;

    LoadBased(MemberTable members, PortOwners vms, LoadBasedSettings settings, PortMoves moves) {
        this.members = members;
        this.vms = vms;
        this.settings = settings;
        this.moves = moves;
        rebuild();
    }

    @Override
    public int select(FrameFacts frame) {
        int sourcePort = frame.sourcePort();
        int[] table = memberOfPort;
        if (sourcePort >= 0 && sourcePort < table.length) {
            int member = table[sourcePort];
            if (member == NO_MEMBER && vms.vmOfPort(sourcePort) >= 0) {
                member = place(sourcePort); // the port's first frame through this bond, or its member left
            }
            if (member >= 0) {
                portBytes[sourcePort] += frame.lengthBytes();
                portFrames[sourcePort]++;
                return member;
            }
            if (member == HOLD) {
                return HOLD;
            }
        }
        return unowned.memberFor(HashKey.L2_SOURCE.hash(frame));
    }

    /**
     * Places a VM's port on the active member carrying the fewest ports (the first in failover order among equals): a
     * scan of the members, once per port. Ports are placed as their first frame comes, so that only the ports that
     * use this bond count (the VM directory is the host's).
     */
    private int place(int port) {
        int best = NO_MEMBER;
        for (int i = 0, count = members.activeCount(); i < count; i++) {
            int slot = members.active(i);
            if (best == NO_MEMBER || portsOn[slot] < portsOn[best]) {
                best = slot;
            }
        }
        if (best != NO_MEMBER) {
            memberOfPort[port] = best;
            portsOn[best]++;
        }
        return best;
    }

    /** A VM's frames that its member cannot carry all take one other member: the port stays in one place. */
    @Override
    public long stickyKey(FrameFacts frame) {
        int sourcePort = frame.sourcePort();
        return sourcePort < 0 ? frame.flowHash() : sourcePort;
    }

    /**
     * Ports keep their member while it is active; a port whose member left, or whose VM did, is placed again at its next
     * frame. Members that start or stop carrying traffic start or stop being measured.
     */
    @Override
    public void rebuild() {
        grow(vms.portBound());
        Arrays.fill(portsOn, 0);
        for (int port = 0; port < memberOfPort.length; port++) {
            int member = memberOfPort[port];
            if (member == HOLD) {
                continue; // the move ends at the next rebalance
            }
            if (member >= 0 && members.isActive(member) && vms.vmOfPort(port) >= 0) {
                portsOn[member]++;
            } else {
                memberOfPort[port] = NO_MEMBER;
            }
        }
        boolean[] active = new boolean[SLOTS];
        for (int i = 0; i < members.activeCount(); i++) {
            active[members.active(i)] = true;
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            if (!active[slot]) {
                measured[slot] = false;
                busySeconds[slot] = 0;
                wireBytesLastSecond[slot] = 0;
            } else if (!measured[slot]) {
                wireBytesAtSample[slot] = wireBytes(slot); // its first second counts from now
                measured[slot] = true;
            }
        }
        unowned.rebuild(members);
    }

    /** Tables grow with the ports (control path); a port's counts carry on. */
    private void grow(int bound) {
        if (bound <= memberOfPort.length) {
            return;
        }
        int old = memberOfPort.length;
        memberOfPort = Arrays.copyOf(memberOfPort, bound);
        Arrays.fill(memberOfPort, old, bound, NO_MEMBER);
        portBytes = Arrays.copyOf(portBytes, bound);
        portFrames = Arrays.copyOf(portFrames, bound);
        portWireBytesAtSample = Arrays.copyOf(portWireBytesAtSample, bound);
        portWireBytesLastSecond = Arrays.copyOf(portWireBytesLastSecond, bound);
    }

    @Override
    public long rebalanceIntervalNanos() {
        return nextRunNanos;
    }

    /** Once a second: measure, and move a port off a member busy for the whole window. Or end a move's hold. */
    @Override
    public void rebalance() {
        if (movingPort != NONE) {
            finishMove();
            nextRunNanos = SAMPLE_NANOS - holdNanos; // the next sample a second after the last
            return;
        }
        sample();
        nextRunNanos = SAMPLE_NANOS;
        int from = busiestOverWindow();
        if (from == NO_MEMBER) {
            return;
        }
        int to = lightestOtherThan(from);
        if (to == NO_MEMBER) {
            return;
        }
        int port = portToMove(from, to);
        if (port != NONE) {
            beginMove(port, from, to);
        }
    }

    private void sample() {
        for (int i = 0; i < members.activeCount(); i++) {
            int slot = members.active(i);
            long wire = wireBytes(slot);
            long sent = wire - wireBytesAtSample[slot];
            wireBytesAtSample[slot] = wire;
            if (!measured[slot] || sent < 0) { // a new NIC in the slot: its counters started again
                measured[slot] = true;
                busySeconds[slot] = 0;
                wireBytesLastSecond[slot] = 0;
                continue;
            }
            wireBytesLastSecond[slot] = sent;
            boolean busy = sent * Byte.SIZE * 100 >= settings.thresholdPercent() * members.speedBps(slot);
            busySeconds[slot] = busy ? Math.min(busySeconds[slot] + 1, settings.windowSeconds()) : 0;
        }
        for (int port = 0; port < memberOfPort.length; port++) {
            long wire = portBytes[port] + portFrames[port] * WIRE_OVERHEAD_BYTES;
            portWireBytesLastSecond[port] = wire - portWireBytesAtSample[port];
            portWireBytesAtSample[port] = wire;
        }
    }

    /** The member busy for the whole window with the highest load, or {@link #NO_MEMBER}. */
    private int busiestOverWindow() {
        int busiest = NO_MEMBER;
        for (int i = 0; i < members.activeCount(); i++) {
            int slot = members.active(i);
            if (busySeconds[slot] >= settings.windowSeconds()
                    && (busiest == NO_MEMBER || utilisation(slot) > utilisation(busiest))) {
                busiest = slot;
            }
        }
        return busiest;
    }

    private int lightestOtherThan(int busy) {
        int lightest = NO_MEMBER;
        for (int i = 0; i < members.activeCount(); i++) {
            int slot = members.active(i);
            if (slot != busy && (lightest == NO_MEMBER || utilisation(slot) < utilisation(lightest))) {
                lightest = slot;
            }
        }
        return lightest;
    }

    /**
     * The busy member's port whose move leaves the busier of the two members least loaded, provided that is less
     * than the busy member's load now; else {@link #NONE}. Among equals the lowest port.
     */
    private int portToMove(int from, int to) {
        double fromLoad = utilisation(from);
        double toLoad = utilisation(to);
        double bestPeak = fromLoad;
        int best = NONE;
        for (int port = 0; port < memberOfPort.length; port++) {
            if (memberOfPort[port] != from || portWireBytesLastSecond[port] <= 0) {
                continue;
            }
            double bits = portWireBytesLastSecond[port] * (double) Byte.SIZE;
            double peak = Math.max(fromLoad - bits / members.speedBps(from), toLoad + bits / members.speedBps(to));
            if (peak < bestPeak) {
                bestPeak = peak;
                best = port;
            }
        }
        return best;
    }

    private void beginMove(int port, int from, int to) {
        movingPort = port;
        movingFrom = from;
        movingTo = to;
        movingFromPercent = percent(from);
        movingToPercent = percent(to);
        memberOfPort[port] = HOLD;
        portsOn[from]--;
        // What the old ring held, tiny frames' overhead included, and the frame on the wire, at the old line rate.
        long bytes = members.pendingBytes(from) * 7 / 5 + LARGEST_WIRE_FRAME_BYTES;
        holdNanos = Math.min(SAMPLE_NANOS / 2, bytes * Byte.SIZE * 1_000_000_000L / members.speedBps(from) + 1_000);
        nextRunNanos = holdNanos;
    }

    private void finishMove() {
        int port = movingPort;
        movingPort = NONE;
        if (vms.vmOfPort(port) < 0 || !members.isActive(movingTo)) {
            memberOfPort[port] = NO_MEMBER; // its VM or the member it was going to left: placed again at its next frame
            return;
        }
        memberOfPort[port] = movingTo;
        portsOn[movingTo]++;
        moved++;
        int busyFor = busySeconds[movingFrom];
        busySeconds[movingFrom] = 0; // a new window of evidence before either moves another port
        busySeconds[movingTo] = 0;
        moves.moved(port, movingFrom, movingTo, movingFromPercent, movingToPercent, busyFor);
    }

    private long wireBytes(int slot) {
        return members.txBytes(slot) + members.txFrames(slot) * WIRE_OVERHEAD_BYTES;
    }

    /** The member's transmit load over the last second, as a fraction of its line rate. */
    private double utilisation(int slot) {
        return wireBytesLastSecond[slot] * (double) Byte.SIZE / members.speedBps(slot);
    }

    private int percent(int slot) {
        return (int) Math.round(utilisation(slot) * 100);
    }

    /** Ports moved so far. */
    @Override
    public long rebalanceMoves() {
        return moved;
    }

    /** The member that carries a port now, {@link #NO_MEMBER} or {@link #HOLD}; for tests. */
    int memberOf(int port) {
        return port < memberOfPort.length ? memberOfPort[port] : NO_MEMBER;
    }

    /** Seconds the member has been at or over the threshold without a break, up to the window; for tests. */
    int busySeconds(int slot) {
        return busySeconds[slot];
    }
}
