package org.nicmanager.lib.frames;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Per-flow receive accounting from the {@link FlowStamp}s of arriving frames: how many frames each flow delivered, how
 * many went missing and how many came out of order. Every receiver of test traffic uses it (the simulated external
 * hosts, the guests behind virtual NICs), so that loss and reordering are judged one way everywhere.
 *
 * <p>A flow is its sender and the stamp's flow id: every traffic generator numbers its flows from 0, so the flow id
 * alone would merge the flows of two senders to one receiver and count the one's sequences as the other's loss and
 * reordering. The sender is the frame's source MAC, which every frame carries whatever it holds (UDP or TCP, IPv4 or
 * not) and which nothing on the path rewrites.
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
    /** The most flows a tracker may be asked to track: 2^20 flows take up to 104 MiB of tables. */
    public static final int MAX_FLOWS_LIMIT = 1 << 20;

    /**
     * One flow's counts.
     *
     * @param sender the source MAC of the flow's frames, as the low 48 bits of a long ({@link MacAddress#format})
     * @param id the stamp's flow id, numbered by the sender
     */
    public record FlowCounts(long sender, int id, long rxFrames, long lostFrames, long reorderedFrames) {
    }

    /** Small, as most guests see a few flows: the table doubles on a new flow when half full (issue 17). */
    private static final int INITIAL_SLOTS = 4;
    private static final int SOURCE_MAC_OFFSET = 6;
    private static final int MAC_BYTES = 6;
    /** Marks a used slot above the 48 bits of its sender, so that a zero MAC has a key distinct from an empty slot. */
    private static final long PRESENT = 1L << 48;
    /** Spreads consecutive MACs apart before the flow id is added, for the hash. */
    private static final long SENDER_SPREAD = 0x9E37_79B9_7F4A_7C15L;

    private final int maxFlows;
    /** Per slot: the sender with {@link #PRESENT}, or 0 for an empty slot; and the flow id. */
    private long[] senders = new long[INITIAL_SLOTS];
    private int[] flowIds = new int[INITIAL_SLOTS];
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

    /**
     * Counts one arrival of flow {@code flowId} of {@code sender} with stamp sequence {@code sequence}.
     *
     * @param sender a MAC as the low 48 bits of a long (higher bits are ignored)
     */
    public void record(long sender, int flowId, long sequence) {
        int slot = slotOf(sender & MacAddress.BROADCAST, flowId);
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

    /**
     * Counts the Ethernet frame {@code frame} whose stamp starts at {@code stampOffset} (as found by a
     * {@link FlowStampLocator}), in the flow of its source MAC and the stamp's flow id.
     */
    public void record(byte[] frame, int stampOffset) {
        record(sourceMac(frame), FlowStamp.flowId(frame, stampOffset), FlowStamp.sequence(frame, stampOffset));
    }

    private static long sourceMac(byte[] frame) {
        long mac = 0;
        for (int i = SOURCE_MAC_OFFSET; i < SOURCE_MAC_OFFSET + MAC_BYTES; i++) {
            mac = mac << 8 | (frame[i] & 0xFF);
        }
        return mac;
    }

    /** The slot of the flow, added if new; -1 when the table already holds {@link #maxFlows} flows. */
    private int slotOf(long sender, int flowId) {
        long key = sender | PRESENT;
        int mask = senders.length - 1;
        for (int slot = hash(key, flowId) & mask;; slot = (slot + 1) & mask) {
            if (senders[slot] == key && flowIds[slot] == flowId) {
                return slot;
            }
            if (senders[slot] == 0) {
                if (size == maxFlows) {
                    return -1;
                }
                if ((size + 1) * 2 > senders.length) { // at most half full keeps probe chains short
                    grow();
                    return slotOf(sender, flowId);
                }
                senders[slot] = key;
                flowIds[slot] = flowId;
                highestSequence[slot] = -1; // the first frame, sequence 0, leaves no gap
                size++;
                return slot;
            }
        }
    }

    private static int hash(long senderKey, int flowId) {
        return (int) Hashing.mix(senderKey * SENDER_SPREAD + flowId);
    }

    private void grow() {
        long[] oldSenders = senders;
        int[] oldFlowIds = flowIds;
        long[] oldRx = rxFrames;
        long[] oldLost = lostFrames;
        long[] oldReordered = reorderedFrames;
        long[] oldHighest = highestSequence;
        int slots = oldSenders.length * 2;
        senders = new long[slots];
        flowIds = new int[slots];
        rxFrames = new long[slots];
        lostFrames = new long[slots];
        reorderedFrames = new long[slots];
        highestSequence = new long[slots];
        int mask = slots - 1;
        for (int old = 0; old < oldSenders.length; old++) {
            if (oldSenders[old] == 0) {
                continue;
            }
            int slot = hash(oldSenders[old], oldFlowIds[old]) & mask;
            while (senders[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            senders[slot] = oldSenders[old];
            flowIds[slot] = oldFlowIds[old];
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
        for (int slot = 0; slot < senders.length; slot++) {
            total += lostFrames[slot];
        }
        return total;
    }

    /** Frames that arrived below the highest sequence of their flow, over every flow. */
    public long reorderedFrames() {
        long total = 0;
        for (int slot = 0; slot < senders.length; slot++) {
            total += reorderedFrames[slot];
        }
        return total;
    }

    /** Every flow seen, by sender and then id (a snapshot, for reports: it allocates). */
    public List<FlowCounts> flows() {
        List<FlowCounts> flows = new ArrayList<>(size);
        for (int slot = 0; slot < senders.length; slot++) {
            if (senders[slot] != 0) {
                flows.add(new FlowCounts(senders[slot] & ~PRESENT, flowIds[slot], rxFrames[slot], lostFrames[slot],
                        reorderedFrames[slot]));
            }
        }
        flows.sort(Comparator.comparingLong(FlowCounts::sender).thenComparingInt(FlowCounts::id));
        return flows;
    }
}
