package org.nicmanager.resource.scheduler;

import java.util.Arrays;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * Every frame queued on one uplink, in one array, each VM's queue a FIFO linked through it by slot numbers.
 *
 * <p>Why not one {@code FrameQueue} per VM: storing a reference into an old array costs the G1 collector a card mark,
 * and a card that was cleaned since its last store costs far more (measured here: about 500 ns per store spread over
 * 10,000 per-VM arrays, 5 ns when consecutive stores share cards). Frames are therefore put at a cursor that moves
 * forward through the slab, so consecutive stores share cards whichever VM they are for. The slab holds twice what
 * all the VMs' queues may hold, so the cursor finds a free place in two steps on average. Owned by the world thread.
 */
final class FrameSlab {

    private static final int NONE = -1;

    private FrameBuffer[] frames = new FrameBuffer[16];
    private int[] next = new int[16];
    private int cursor;

    /** Room for {@code queuedFrames} queued frames at most half full. Control path; never shrinks. */
    void ensureRoom(long queuedFrames) {
        long wanted = Math.max(16, 2 * queuedFrames + 1);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the uplink's queues would hold " + queuedFrames + " frames, more than "
                    + (Integer.MAX_VALUE / 2) + "; lower queueLimitFrames");
        }
        if (wanted > frames.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(wanted, 2L * frames.length));
            frames = Arrays.copyOf(frames, grown);
            next = Arrays.copyOf(next, grown);
        }
    }

    /** Appends a frame to a VM's queue; the caller has checked the VM's bounds. */
    void offer(VmSlot vm, FrameBuffer frame) {
        int at = cursor;
        while (frames[at] != null) {
            at = at + 1 == frames.length ? 0 : at + 1;
        }
        cursor = at + 1 == frames.length ? 0 : at + 1;
        frames[at] = frame;
        next[at] = NONE;
        if (vm.queueTail == NONE) {
            vm.queueHead = at;
        } else {
            next[vm.queueTail] = at;
        }
        vm.queueTail = at;
        vm.queuedFrames++;
        vm.queuedBytes += frame.length();
    }

    /** The head of a VM's queue, or {@code null}. */
    FrameBuffer peek(VmSlot vm) {
        return vm.queueHead == NONE ? null : frames[vm.queueHead];
    }

    /** Removes and returns the head of a VM's queue, or {@code null}. */
    FrameBuffer poll(VmSlot vm) {
        int at = vm.queueHead;
        if (at == NONE) {
            return null;
        }
        FrameBuffer frame = frames[at];
        frames[at] = null;
        vm.queueHead = next[at];
        if (vm.queueHead == NONE) {
            vm.queueTail = NONE;
        }
        vm.queuedFrames--;
        vm.queuedBytes -= frame.length();
        return frame;
    }

    /** Keeps the first {@code keep} frames of a VM's queue, releases the rest; returns how many went. */
    int truncate(VmSlot vm, int keep) {
        int released = 0;
        int at = vm.queueHead;
        int kept = 0;
        int last = NONE;
        while (at != NONE) {
            int following = next[at];
            if (kept < keep) {
                kept++;
                last = at;
            } else {
                FrameBuffer frame = frames[at];
                frames[at] = null;
                vm.queuedBytes -= frame.length();
                frame.release();
                released++;
            }
            at = following;
        }
        if (last == NONE) {
            vm.queueHead = NONE;
        } else {
            next[last] = NONE;
        }
        vm.queueTail = last;
        vm.queuedFrames = kept;
        return released;
    }

    /** Releases every frame of a VM's queue; returns how many there were. */
    int releaseAll(VmSlot vm) {
        return truncate(vm, 0);
    }
}
