package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-flow receive counters of a host, keyed by the flow id of the {@link org.nicmanager.kernel.api.frame.FlowStamp}.
 *
 * <p>A sequence above the highest seen counts the gap as lost; one below it counts as reordered and, since it did
 * arrive after all, takes one frame back off the lost count. A repeat of the highest sequence is a duplicate: received,
 * neither lost nor reordered.
 *
 * <p>Open addressing over primitive arrays. The table doubles when a new flow needs room, which happens on a flow's
 * first frame only; beyond {@link #MAX_FLOWS} flows, frames of new flows are counted as untracked.
 */
final class FlowTable {

    static final int MAX_FLOWS = 65_536;
    private static final int INITIAL_SLOTS = 64;
    private static final long PRESENT = 1L << 32;

    private long[] keys = new long[INITIAL_SLOTS];
    private long[] rxFrames = new long[INITIAL_SLOTS];
    private long[] lostFrames = new long[INITIAL_SLOTS];
    private long[] reorderedFrames = new long[INITIAL_SLOTS];
    private long[] highestSequence = new long[INITIAL_SLOTS];
    private int size;
    private long untrackedFrames;

    void record(int flowId, long sequence) {
        int slot = slotOf(flowId);
        if (slot < 0) {
            untrackedFrames++;
            return;
        }
        rxFrames[slot]++;
        long highest = highestSequence[slot];
        if (sequence > highest) {
            lostFrames[slot] += sequence - highest - 1;
            highestSequence[slot] = sequence;
        } else if (sequence < highest) {
            reorderedFrames[slot]++;
            if (lostFrames[slot] > 0) {
                lostFrames[slot]--;
            }
        }
    }

    /** The slot of {@code flowId}, added if new; -1 when the table is at {@link #MAX_FLOWS}. */
    private int slotOf(int flowId) {
        long key = (flowId & 0xFFFF_FFFFL) | PRESENT;
        int mask = keys.length - 1;
        for (int slot = hash(flowId) & mask;; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return slot;
            }
            if (keys[slot] == 0) {
                if (size == MAX_FLOWS) {
                    return -1;
                }
                if ((size + 1) * 2 > keys.length) {
                    grow();
                    return slotOf(flowId);
                }
                keys[slot] = key;
                highestSequence[slot] = -1; // the first frame, sequence 0, leaves no gap
                size++;
                return slot;
            }
        }
    }

    private static int hash(int flowId) {
        return (flowId * 0x9E37_79B9) ^ (flowId >>> 16);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRx = rxFrames;
        long[] oldLost = lostFrames;
        long[] oldReordered = reorderedFrames;
        long[] oldHighest = highestSequence;
        int slots = oldKeys.length * 2;
        keys = new long[slots];
        rxFrames = new long[slots];
        lostFrames = new long[slots];
        reorderedFrames = new long[slots];
        highestSequence = new long[slots];
        int mask = slots - 1;
        for (int old = 0; old < oldKeys.length; old++) {
            if (oldKeys[old] == 0) {
                continue;
            }
            int slot = hash((int) oldKeys[old]) & mask;
            while (keys[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = oldKeys[old];
            rxFrames[slot] = oldRx[old];
            lostFrames[slot] = oldLost[old];
            reorderedFrames[slot] = oldReordered[old];
            highestSequence[slot] = oldHighest[old];
        }
    }

    long untrackedFrames() {
        return untrackedFrames;
    }

    long lostFrames() {
        long total = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            total += lostFrames[slot];
        }
        return total;
    }

    long reorderedFrames() {
        long total = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            total += reorderedFrames[slot];
        }
        return total;
    }

    /** Every flow seen, by id. */
    List<HostStats.FlowStats> snapshot() {
        List<HostStats.FlowStats> flows = new ArrayList<>(size);
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                flows.add(new HostStats.FlowStats((int) keys[slot], rxFrames[slot], lostFrames[slot],
                        reorderedFrames[slot]));
            }
        }
        flows.sort(Comparator.comparingInt(HostStats.FlowStats::id));
        return flows;
    }
}
