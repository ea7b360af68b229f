package org.nicmanager.nicmanager.engine;

import java.util.Arrays;

/**
 * Which entry of an uplink's virtual-NIC arrays owns a MAC: an open-addressing table rebuilt whenever a virtual NIC
 * connects or leaves (control path), so the frame path finds a unicast owner in about one probe, however many virtual
 * NICs share the uplink, and allocates nothing.
 */
final class MacIndex {

    private static final int EMPTY = -1;

    private long[] keys = new long[0];
    private int[] entries = new int[0];
    private int mask;

    /** Rebuilds the table for these MACs; entry {@code i} is {@code macs[i]}. Control path. */
    void rebuild(long[] macs) {
        int capacity = Integer.highestOneBit(Math.max(4, macs.length * 4) - 1) << 1;
        keys = new long[capacity];
        entries = new int[capacity];
        Arrays.fill(entries, EMPTY);
        mask = capacity - 1;
        for (int i = 0; i < macs.length; i++) {
            int at = home(macs[i]);
            while (entries[at] != EMPTY) {
                at = (at + 1) & mask;
            }
            keys[at] = macs[i];
            entries[at] = i;
        }
    }

    /** The entry owning {@code mac}, or -1. */
    int find(long mac) {
        if (entries.length == 0) {
            return EMPTY;
        }
        for (int at = home(mac);; at = (at + 1) & mask) {
            int entry = entries[at];
            if (entry == EMPTY || keys[at] == mac) {
                return entry;
            }
        }
    }

    private int home(long mac) {
        long mixed = mac * 0x9E37_79B9_7F4A_7C15L; // Fibonacci hashing: the low bytes of MACs are what differ
        return (int) (mixed >>> 40) & mask;
    }
}
