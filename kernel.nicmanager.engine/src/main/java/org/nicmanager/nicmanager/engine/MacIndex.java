package org.nicmanager.nicmanager.engine;

import java.util.Arrays;

/**
 * Which entry of an uplink's virtual-NIC arrays owns a MAC: an open-addressing table with linear probing, changed in
 * place when a virtual NIC connects, leaves or changes the MAC it receives at (control path, O(1) amortised; issue 17),
 * so that a host's life with thousands of virtual NICs is not quadratic, and the frame path finds a unicast owner in
 * about one probe and allocates nothing. The table doubles when half full and never shrinks; a removal shifts the
 * entries behind it back (no tombstones), so lookups stay short after any number of connects and leaves, and the
 * layout depends only on the sequence of changes (deterministic). One thread (the world's) changes and reads it.
 */
final class MacIndex {

    private static final int EMPTY = -1;
    private static final int FIRST_CAPACITY = 8;

    private long[] keys = new long[0];
    private int[] entries = new int[0];
    private int mask;
    private int size;

    /** Empties the table, then indexes these MACs; entry {@code i} is {@code macs[i]}, the first of equal MACs wins. */
    void rebuild(long[] macs, int count) {
        Arrays.fill(entries, EMPTY);
        size = 0;
        for (int i = 0; i < count; i++) {
            put(macs[i], i);
        }
    }

    /** Entry {@code entry} owns {@code mac}; false, changing nothing, when another entry owns it already. */
    boolean put(long mac, int entry) {
        if (2 * (size + 1) > entries.length) {
            grow();
        }
        int at = home(mac);
        while (entries[at] != EMPTY) {
            if (keys[at] == mac) {
                return false;
            }
            at = (at + 1) & mask;
        }
        keys[at] = mac;
        entries[at] = entry;
        size++;
        return true;
    }

    /** Forgets {@code mac} if entry {@code entry} owns it; true if it did. */
    boolean remove(long mac, int entry) {
        int at = slotOf(mac);
        if (at < 0 || entries[at] != entry) {
            return false;
        }
        // Backward-shift deletion: pull each later entry of the cluster that may sit here into the gap.
        int gap = at;
        for (int next = (gap + 1) & mask; entries[next] != EMPTY; next = (next + 1) & mask) {
            int wanted = home(keys[next]);
            if (((next - wanted) & mask) >= ((next - gap) & mask)) { // its home is at or before the gap
                keys[gap] = keys[next];
                entries[gap] = entries[next];
                gap = next;
            }
        }
        entries[gap] = EMPTY;
        size--;
        return true;
    }

    /** The owner of {@code mac} moved from entry {@code from} to {@code to} (the arrays fill a hole with their last). */
    void moved(long mac, int from, int to) {
        int at = slotOf(mac);
        if (at >= 0 && entries[at] == from) {
            entries[at] = to;
        }
    }

    /** The entry owning {@code mac}, or -1. Allocates nothing. */
    int find(long mac) {
        int at = slotOf(mac);
        return at < 0 ? EMPTY : entries[at];
    }

    /** MACs indexed. */
    int size() {
        return size;
    }

    private int slotOf(long mac) {
        if (size == 0) {
            return EMPTY;
        }
        for (int at = home(mac);; at = (at + 1) & mask) {
            if (entries[at] == EMPTY) {
                return EMPTY;
            }
            if (keys[at] == mac) {
                return at;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldEntries = entries;
        int capacity = Math.max(FIRST_CAPACITY, entries.length * 2);
        keys = new long[capacity];
        entries = new int[capacity];
        Arrays.fill(entries, EMPTY);
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldEntries.length; i++) {
            if (oldEntries[i] != EMPTY) {
                put(oldKeys[i], oldEntries[i]);
            }
        }
    }

    private int home(long mac) {
        long mixed = mac * 0x9E37_79B9_7F4A_7C15L; // Fibonacci hashing: the low bytes of MACs are what differ
        return (int) (mixed >>> 40) & mask;
    }
}
