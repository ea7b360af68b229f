package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.resource.allocation.AllocationRules;
import org.nicmanager.resource.allocation.WireBytes;

/**
 * One VM as one uplink's scheduler sees it: its queue (in the uplink's {@link FrameSlab}), its allocation in force, its
 * clocks (virtual time for shares, a reservation clock, the shaping and limit gates), its per-interval units and its
 * counters. Indexed by a dense slot number; owned by the world thread.
 */
final class VmSlot {

    /** No frame queued. */
    static final byte IDLE = 0;
    /** Frames queued and the head frame conforms: in the service order. */
    static final byte READY = 1;
    /** Frames queued and the head frame waits for a gate (shaping or limit). */
    static final byte WAITING = 2;

    private static final int REASON_COUNT = DropReason.values().length;

    private static final int LIMIT_GATE = 1;
    private static final int AVERAGE_GATE = 2;
    private static final int PEAK_GATE = 4;

    // The frame path's fields come first, so that they share the object's first cache lines.
    long offeredFrames;
    long offeredWireBytes;
    long sentFrames;
    long sentWireBytes;
    int shares;
    int priority;
    byte state = IDLE;
    boolean suspended;
    /** A cluster VM this host does not own now: everything it offers is dropped NOT_OWNER, nothing queued stays. */
    boolean fenced;
    /** Which gates are configured (bits), so the frame path touches only those. */
    private int gates;

    /**
     * The VM's queue: head and tail places in the uplink's {@link FrameSlab} (-1 when empty), the head frame's length,
     * frames, frame bytes.
     */
    int queueHead = -1;
    int queueTail = -1;
    int headLength;
    int queuedFrames;
    long queuedBytes;

    final int index;
    final String vm;
    int ports;
    /**
     * Which gate held the head frame last: the shaping filter, else the limit. A boolean, not a {@link DropReason}, so
     * the frame path stores no reference (a reference store into an old object costs a GC write barrier).
     */
    private boolean heldByShaping;

    // --- the allocation in force
    NetworkAllocation allocation;
    /** The reservation in force: the configured one while it is admitted, else 0 ([0116]). */
    long reservationBps;
    /** True once a broken guarantee was announced, until it is restored. */
    boolean guaranteeBroken;
    final RateGate average = new RateGate();
    final RateGate peak = new RateGate();
    final RateGate limit = new RateGate();

    // --- proportional shares ([0096]-[0098]), in virtual-time ticks (units x ShareClock.TICKS_PER_UNIT / shares)
    long virtualTime;
    long virtualTimeRemainder;
    /** The lag bound in this VM's virtual time: lag units x ticks per unit / shares. */
    long lagTicks;

    // --- reservation clock: the kernel time by which the reservation is owed its next frame
    long reservationDueNanos;
    long reservationRemainder;

    // --- per-interval units ([0097])
    long interval;
    long intervalUnits;
    boolean capped;
    boolean inFloor;

    // --- precedence ([0117]-[0118]): time ready while a higher priority was ready too (see PrecedenceTime)
    /** Starved time of the spells in the service order that ended. */
    long starvedNanos;
    /** Its level's held-back time when it last became ready. */
    long heldMarkNanos;
    /** Its starved time at the last throughput sample, and the length of its current spell (StarvationWatch). */
    long starvedAtSampleNanos;
    long starvedSpellNanos;

    // --- counters (with the frame path's four above)
    /** Frames that waited in the queue at some point, sent or not. */
    long queuedTotal;
    final long[] dropped = new long[REASON_COUNT];

    // --- downstream of this scheduler: what became of the frames it let go (sentFrames)
    /** Frames whose last bit left a NIC: delivered, as far as the host can know. */
    long deliveredFrames;
    /** Frames dropped after the scheduler let them go (bond, NIC, pulled cable), by reason. */
    final long[] droppedDownstream = new long[REASON_COUNT];

    VmSlot(int index, String vm) {
        this.index = index;
        this.vm = vm;
    }

    /** Puts an allocation in force from {@code nowNanos}. Control path. */
    void apply(NetworkAllocation allocation, boolean reservationAdmitted, long nowNanos) {
        this.allocation = allocation;
        this.shares = allocation.shares();
        this.priority = allocation.priority();
        this.reservationBps = reservationAdmitted ? allocation.reservationBps() : 0;
        long averageBps = allocation.averageBps();
        average.configure(averageBps, allocation.burstBytes() * Byte.SIZE, nowNanos);
        long peakBps = allocation.peakBps();
        peak.configure(peakBps == 0 ? 0 : AllocationRules.peakGateBps(peakBps, allocation.peakPeriodNanos()),
                WireBytes.MAX_FRAME_WIRE_BITS, nowNanos);
        limit.configure(allocation.limitBps(), WireBytes.MAX_FRAME_WIRE_BITS, nowNanos);
        gates = (limit.open() ? 0 : LIMIT_GATE) | (average.open() ? 0 : AVERAGE_GATE)
                | (peak.open() ? 0 : PEAK_GATE);
    }

    /** True when a limit or shaping filter may hold frames back. */
    boolean gated() {
        return gates != 0;
    }

    /**
     * The earliest time the gates let a frame of {@code costBits} through; {@link #waitingFor()} then names the gate
     * that holds it longest (only meaningful when that time is after now).
     */
    long conformsAt(long costBits) {
        if (gates == 0) {
            return Long.MIN_VALUE;
        }
        long limited = (gates & LIMIT_GATE) != 0 ? limit.conformsAt(costBits) : Long.MIN_VALUE;
        long shaped = Math.max((gates & AVERAGE_GATE) != 0 ? average.conformsAt(costBits) : Long.MIN_VALUE,
                (gates & PEAK_GATE) != 0 ? peak.conformsAt(costBits) : Long.MIN_VALUE);
        heldByShaping = shaped > limited;
        return Math.max(limited, shaped);
    }

    /** The gate that held the head frame at the last {@link #conformsAt}: its drop reason. */
    DropReason waitingFor() {
        return heldByShaping ? DropReason.SHAPING : DropReason.OVER_LIMIT;
    }

    /** Counts a frame sent through every configured gate. */
    void chargeGates(long costBits, long nowNanos) {
        if (gates == 0) {
            return;
        }
        if ((gates & LIMIT_GATE) != 0) {
            limit.charge(costBits, nowNanos);
        }
        if ((gates & AVERAGE_GATE) != 0) {
            average.charge(costBits, nowNanos);
        }
        if ((gates & PEAK_GATE) != 0) {
            peak.charge(costBits, nowNanos);
        }
    }

    long droppedTotal() {
        long total = 0;
        for (long count : dropped) {
            total += count;
        }
        return total;
    }

    long droppedDownstreamTotal() {
        long total = 0;
        for (long count : droppedDownstream) {
            total += count;
        }
        return total;
    }
}
