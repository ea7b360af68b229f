package org.nicmanager.resource.scheduler;

import java.util.Arrays;

/**
 * An indexed binary min-heap of VM slots by a {@code long} key: the backlogged VMs in service order. Each slot's place
 * is remembered, so changing or removing a key costs O(log n) and nothing is allocated once the heap has grown to the
 * number of slots ({@link #ensureSlots} runs on the control path). Keys sit beside the slots, so a sift never
 * touches VM state. Owned by the world thread; no locks.
 */
final class SlotHeap {

    private int[] slots = new int[16];
    private long[] keys = new long[16];
    /** Heap index of each slot, or -1 when absent. */
    private int[] positions = new int[0];
    private int size;

    /** Makes room for slots {@code 0..count-1}. Control path. */
    void ensureSlots(int count) {
        if (count > positions.length) {
            int old = positions.length;
            positions = Arrays.copyOf(positions, Math.max(count, old * 2));
            Arrays.fill(positions, old, positions.length, -1);
        }
        if (count > slots.length) {
            int capacity = Math.max(count, slots.length * 2);
            slots = Arrays.copyOf(slots, capacity);
            keys = Arrays.copyOf(keys, capacity);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    boolean contains(int slot) {
        return positions[slot] >= 0;
    }

    /** The slot with the lowest key; call only when not empty. */
    int topSlot() {
        return slots[0];
    }

    /** The lowest key, or {@link Long#MAX_VALUE} when empty. */
    long topKey() {
        return size == 0 ? Long.MAX_VALUE : keys[0];
    }

    long key(int slot) {
        return keys[positions[slot]];
    }

    /** The slot at heap index {@code index} (0..size-1), for control-path walks. */
    int slotAt(int index) {
        return slots[index];
    }

    /** Adds a slot that is absent, or moves one that is present to its new key. */
    void put(int slot, long key) {
        int at = positions[slot];
        if (at >= 0) {
            long old = keys[at];
            keys[at] = key;
            if (key < old) {
                siftUp(at);
            } else if (key > old) {
                siftDown(at);
            }
            return;
        }
        at = size++;
        slots[at] = slot;
        keys[at] = key;
        positions[slot] = at;
        siftUp(at);
    }

    /** Removes a slot if present. */
    void remove(int slot) {
        int at = positions[slot];
        if (at < 0) {
            return;
        }
        positions[slot] = -1;
        size--;
        if (at == size) {
            return;
        }
        slots[at] = slots[size];
        keys[at] = keys[size];
        positions[slots[at]] = at;
        siftUp(at);
        siftDown(positions[slots[at]]);
    }

    /**
     * Subtracts {@code amount} from every key for which {@code (key & mask) == match}: a uniform shift within one
     * class of keys keeps the heap order (control path, for rebasing virtual time).
     */
    void shiftKeys(long mask, long match, long amount) {
        for (int i = 0; i < size; i++) {
            if ((keys[i] & mask) == match) {
                keys[i] -= amount;
            }
        }
    }

    private void siftUp(int at) {
        int slot = slots[at];
        long key = keys[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            slots[at] = slots[parent];
            keys[at] = keys[parent];
            positions[slots[at]] = at;
            at = parent;
        }
        slots[at] = slot;
        keys[at] = key;
        positions[slot] = at;
    }

    private void siftDown(int at) {
        int slot = slots[at];
        long key = keys[at];
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < size && keys[right] < keys[child]) {
                child = right;
            }
            if (keys[child] >= key) {
                break;
            }
            slots[at] = slots[child];
            keys[at] = keys[child];
            positions[slots[at]] = at;
            at = child;
        }
        slots[at] = slot;
        keys[at] = key;
        positions[slot] = at;
    }
}
