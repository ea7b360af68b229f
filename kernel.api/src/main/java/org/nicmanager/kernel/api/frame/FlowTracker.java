package org.nicmanager.kernel.api.frame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-flow receive accounting from the {@link FlowStamp}s of arriving frames: how many frames each flow delivered, how
 * many went missing and how many came out of order. Every receiver of test traffic uses it (the simulated external
 * hosts, the guests behind virtual NICs), so that loss and reordering are judged one way everywhere.
 *
 * <p>A sequence above the highest seen counts the gap as lost; one below it counts as reordered and, since it did
 * arrive after all, takes one frame back off the lost count. A repeat of the highest sequence is a duplicate:
 * received, neither lost nor reordered. The first frame of a flow is expected to carry sequence 0.
 *
 * <p>Open addressing over primitive arrays, owned by one thread (the network world's), so no locks. Only a flow's
 * first frame may grow the table; every later frame of it touches primitives only, so steady-state traffic costs no
 * allocation. Beyond {@link #maxFlows()} flows, frames of new flows are counted as untracked.
 */
@ProviderType
public final class FlowTracker {

    /** The default limit on flows tracked, as many as a 16-bit port range. */
    public static final int DEFAULT_MAX_FLOWS = 65_536;
    /** The most flows a tracker may be asked to track: 2^20 flows take up to 80 MiB of tables. */
    public static final int MAX_FLOWS_LIMIT = 1 << 20;

    /** One flow's counts; {@code id} is the stamp's flow id. */
    public record FlowCounts(int id, long rxFrames, long lostFrames, long reorderedFrames) {
    }

    private static final int INITIAL_SLOTS = 64;
    /** Marks a used slot, so that flow id 0 has a key distinct from an empty slot's 0. */
    private static final long PRESENT = 1L << 32;

    private final int maxFlows;
    private long[] keys = new long[INITIAL_SLOTS];
    private long[] rxFrames = new long[INITIAL_SLOTS];
    private long[] lostFrames = new long[INITIAL_SLOTS];
    private long[] reorderedFrames = new long[INITIAL_SLOTS];
    private long[] highestSequence = new long[INITIAL_SLOTS];
    private int size;
    private long trackedFrames;
    private long untrackedFrames;

    /** A tracker of up to {@link #DEFAULT_MAX_FLOWS} flows. */
    public FlowTracker() {
        this(DEFAULT_MAX_FLOWS);
    }

    /** @param maxFlows flows tracked before new ones count as untracked, 1..{@link #MAX_FLOWS_LIMIT} */
    public FlowTracker(int maxFlows) {
        if (maxFlows < 1 || maxFlows > MAX_FLOWS_LIMIT) {
            throw new IllegalArgumentException("a flow tracker tracks 1.." + MAX_FLOWS_LIMIT + " flows, not "
                    + maxFlows);
        }
        this.maxFlows = maxFlows;
    }

    /** Counts one arrival of flow {@code flowId} with stamp sequence {@code sequence}. */
    public void record(int flowId, long sequence) {
        int slot = slotOf(flowId);
        if (slot < 0) {
            untrackedFrames++;
            return;
        }
        trackedFrames++;
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

    /** Counts the frame whose stamp starts at {@code stampOffset} (as found by a {@link FlowStampLocator}). */
    public void record(byte[] data, int stampOffset) {
        record(FlowStamp.flowId(data, stampOffset), FlowStamp.sequence(data, stampOffset));
    }

    /** The slot of {@code flowId}, added if new; -1 when the table already holds {@link #maxFlows} flows. */
    private int slotOf(int flowId) {
        long key = (flowId & 0xFFFF_FFFFL) | PRESENT;
        int mask = keys.length - 1;
        for (int slot = hash(flowId) & mask;; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return slot;
            }
            if (keys[slot] == 0) {
                if (size == maxFlows) {
                    return -1;
                }
                if ((size + 1) * 2 > keys.length) { // at most half full keeps probe chains short
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

    public int maxFlows() {
        return maxFlows;
    }

    /** Flows seen so far, at most {@link #maxFlows()}. */
    public int flowCount() {
        return size;
    }

    /** Stamped frames counted in some flow. */
    public long trackedFrames() {
        return trackedFrames;
    }

    /** Stamped frames of flows beyond {@link #maxFlows()}, counted in no flow. */
    public long untrackedFrames() {
        return untrackedFrames;
    }

    /** Frames missing from the sequences of every flow. */
    public long lostFrames() {
        long total = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            total += lostFrames[slot];
        }
        return total;
    }

    /** Frames that arrived below the highest sequence of their flow, over every flow. */
    public long reorderedFrames() {
        long total = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            total += reorderedFrames[slot];
        }
        return total;
    }

    /** Every flow seen, by id (a snapshot, for reports: it allocates). */
    public List<FlowCounts> flows() {
        List<FlowCounts> flows = new ArrayList<>(size);
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                flows.add(new FlowCounts((int) keys[slot], rxFrames[slot], lostFrames[slot], reorderedFrames[slot]));
            }
        }
        flows.sort(Comparator.comparingInt(FlowCounts::id));
        return flows;
    }
}
