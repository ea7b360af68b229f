package org.nicmanager.resource.scheduler;

import java.util.Arrays;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * Every frame queued on one uplink, in one array, each VM's queue a FIFO linked through it by slot numbers.
 *
 * <p>Why not one {@code FrameQueue} per VM: storing a reference into an old array costs the G1 collector a card mark,
 * and a card that was cleaned since its last store costs far more (measured here: about 500 ns per store spread over
 * 10,000 per-VM arrays, 5 ns when consecutive stores share cards). Frames are therefore put at a cursor that moves
 * forward through the slab, so consecutive stores share cards whichever VM they are for. The slab is kept at most half
 * full, so the cursor finds a free place in two steps on average.
 *
 * <p>Room is made ahead of time for what all the VMs' queues may hold, up to {@link #PREPARED_PLACES}; beyond that the
 * slab doubles when a frame would fill it past half. The frames queued are bounded by the frame pools, not by the
 * VMs' queue limits summed, so a host with thousands of idle VMs no longer keeps a slab for all of them full
 * (issue 17: 24 bytes per queue place, 6 KB per idle VM); a burst that grows it allocates once, never in steady
 * state.
 *
 * <p>Each place's link also holds the length of the frame it links to, and a VM keeps its head frame's length, so
 * moving a queue on reads no frame: with thousands of VMs every frame read is a cache miss. Owned by the world thread.
 */
final class FrameSlab {

    private static final int NONE = -1;
    private static final long NO_LINK = link(NONE, 0);

    private FrameBuffer[] frames = new FrameBuffer[16];
    /** Per place: the next place in its VM's queue (high half, {@code NONE} at the tail) and that frame's length. */
    private long[] links = new long[16];
    private int cursor;
    /** Frames in the slab. */
    private int held;

    /** Places made ahead of time at most: 8192 take 96 KB. */
    static final int PREPARED_PLACES = 8192;

    /**
     * Room for {@code queuedFrames} queued frames at most half full, made now up to {@link #PREPARED_PLACES} places
     * and on demand beyond. Control path; never shrinks.
     */
    void ensureRoom(long queuedFrames) {
        long wanted = Math.max(16, 2 * queuedFrames + 1);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the uplink's queues would hold " + queuedFrames + " frames, more than "
                    + (Integer.MAX_VALUE / 2) + "; lower queueLimitFrames");
        }
        wanted = Math.min(wanted, PREPARED_PLACES);
        if (wanted > frames.length) {
            resize((int) Math.max(wanted, 2L * frames.length));
        }
    }

    /** Places in the slab. */
    int places() {
        return frames.length;
    }

    /** Places keep their numbers, so the queues' links stay right. */
    private void resize(int places) {
        frames = Arrays.copyOf(frames, places);
        links = Arrays.copyOf(links, places);
    }

    /**
     * Appends a frame to a VM's queue; the caller has checked the VM's bounds.
     *
     * @param length what the frame will cost on the wire when it leaves ({@code LineRate.carriedLength})
     */
    void offer(VmSlot vm, FrameBuffer frame, int length) {
        if (2L * (held + 1) > frames.length) {
            resize((int) Math.min(Integer.MAX_VALUE - 8, 2L * frames.length)); // a burst beyond all before: once
        }
        held++;
        int at = cursor;
        while (frames[at] != null) {
            at = at + 1 == frames.length ? 0 : at + 1;
        }
        cursor = at + 1 == frames.length ? 0 : at + 1;
        frames[at] = frame;
        links[at] = NO_LINK;
        if (vm.queueTail == NONE) {
            vm.queueHead = at;
            vm.headLength = length;
        } else {
            links[vm.queueTail] = link(at, length);
        }
        vm.queueTail = at;
        vm.queuedFrames++;
        vm.queuedBytes += length;
    }

    /** The length of the frame at the head of a VM's queue, or -1 when the queue is empty. */
    int headLength(VmSlot vm) {
        return vm.queueHead == NONE ? -1 : vm.headLength;
    }

    /** Removes and returns the head of a VM's queue, or {@code null}. */
    FrameBuffer poll(VmSlot vm) {
        int at = vm.queueHead;
        if (at == NONE) {
            return null;
        }
        FrameBuffer frame = frames[at];
        frames[at] = null;
        held--;
        long link = links[at];
        vm.queuedFrames--;
        vm.queuedBytes -= vm.headLength;
        vm.queueHead = (int) (link >> 32);
        vm.headLength = (int) link;
        if (vm.queueHead == NONE) {
            vm.queueTail = NONE;
        }
        return frame;
    }

    /** Keeps the first {@code keep} frames of a VM's queue, releases the rest; returns how many went. */
    int truncate(VmSlot vm, int keep) {
        int released = 0;
        int at = vm.queueHead;
        int kept = 0;
        int last = NONE;
        while (at != NONE) {
            int following = (int) (links[at] >> 32);
            if (kept < keep) {
                kept++;
                last = at;
            } else {
                FrameBuffer frame = frames[at];
                frames[at] = null;
                held--;
                vm.queuedBytes -= frame.length();
                frame.release();
                released++;
            }
            at = following;
        }
        if (last == NONE) {
            vm.queueHead = NONE;
        } else {
            links[last] = NO_LINK;
        }
        vm.queueTail = last;
        vm.queuedFrames = kept;
        return released;
    }

    private static long link(int next, int length) {
        return ((long) next << 32) | (length & 0xFFFF_FFFFL);
    }

    /** Releases every frame of a VM's queue; returns how many there were. */
    int releaseAll(VmSlot vm) {
        return truncate(vm, 0);
    }
}
