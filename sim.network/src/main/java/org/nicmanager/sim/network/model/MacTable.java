package org.nicmanager.sim.network.model;

/**
 * A switch's MAC address table: MAC to port, with the time each MAC was last seen. Open addressing with linear probing
 * over primitive arrays, so a lookup or a refresh allocates nothing; deletion shifts the probe chain back instead of
 * leaving tombstones.
 *
 * <p>Like a switch's CAM it has a fixed capacity: when it is full a new MAC is simply not learned, and frames to it
 * are flooded. An entry expires {@code agingNanos} after it was last seen; an expired entry is never used, and
 * {@link #sweep} removes expired entries in bulk.
 */
final class MacTable {

    static final int NO_PORT = -1;
    /** Set in every stored key, so 0 marks an empty slot even for MAC 00:00:00:00:00:00. */
    private static final long PRESENT = 1L << 63;
    private static final long MAC_BITS = 0xFFFF_FFFF_FFFFL;
    private static final long FIBONACCI = 0x9E37_79B9_7F4A_7C15L;

    private final long[] keys;
    private final int[] ports;
    private final long[] lastSeenNanos;
    private final int mask;
    private final int shift;
    private final int maxEntries;
    private final long agingNanos;
    private int size;

    /** @param maxEntries entries it can hold; the slot array is the next power of two at least twice as large */
    MacTable(int maxEntries, long agingNanos) {
        int slots = Integer.highestOneBit(Math.max(2, maxEntries) * 2 - 1) << 1;
        this.keys = new long[slots];
        this.ports = new int[slots];
        this.lastSeenNanos = new long[slots];
        this.mask = slots - 1;
        this.shift = Long.SIZE - Integer.numberOfTrailingZeros(slots);
        this.maxEntries = maxEntries;
        this.agingNanos = agingNanos;
    }

    private int home(long mac) {
        return (int) ((mac * FIBONACCI) >>> shift);
    }

    /** The port {@code mac} was last seen on, or {@link #NO_PORT}; an expired entry is removed on the way. */
    int lookup(long mac, long nowNanos) {
        long key = mac | PRESENT;
        for (int slot = home(mac);; slot = (slot + 1) & mask) {
            long stored = keys[slot];
            if (stored == 0) {
                return NO_PORT;
            }
            if (stored == key) {
                if (nowNanos - lastSeenNanos[slot] >= agingNanos) {
                    removeAt(slot);
                    return NO_PORT;
                }
                return ports[slot];
            }
        }
    }

    /** Records that {@code mac} was seen on {@code port} now; returns true when it is a new entry. */
    boolean learn(long mac, int port, long nowNanos) {
        long key = mac | PRESENT;
        for (int slot = home(mac);; slot = (slot + 1) & mask) {
            long stored = keys[slot];
            if (stored == key) {
                ports[slot] = port;
                lastSeenNanos[slot] = nowNanos;
                return false;
            }
            if (stored == 0) {
                if (size == maxEntries) {
                    return false;
                }
                keys[slot] = key;
                ports[slot] = port;
                lastSeenNanos[slot] = nowNanos;
                size++;
                return true;
            }
        }
    }

    /** Forgets every MAC on {@code port}, as a switch does when the port's link goes down. */
    void forgetPort(int port) {
        for (int slot = 0; slot <= mask;) {
            if (keys[slot] != 0 && ports[slot] == port) {
                removeAt(slot); // may shift a later entry into this slot: look at it again
            } else {
                slot++;
            }
        }
    }

    /**
     * Removes every entry expired at {@code nowNanos}.
     *
     * @return when the next remaining entry expires, or {@link Long#MAX_VALUE} when the table is empty
     */
    long sweep(long nowNanos) {
        long nextExpiry = Long.MAX_VALUE;
        for (int slot = 0; slot <= mask;) {
            if (keys[slot] == 0) {
                slot++;
            } else if (nowNanos - lastSeenNanos[slot] >= agingNanos) {
                removeAt(slot);
            } else {
                nextExpiry = Math.min(nextExpiry, lastSeenNanos[slot] + agingNanos);
                slot++;
            }
        }
        return nextExpiry;
    }

    /** Backward-shift deletion: pulls later entries of the probe chain into the hole so lookups still find them. */
    private void removeAt(int slot) {
        int hole = slot;
        for (int next = (hole + 1) & mask; keys[next] != 0; next = (next + 1) & mask) {
            int home = home(keys[next] & MAC_BITS);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                keys[hole] = keys[next];
                ports[hole] = ports[next];
                lastSeenNanos[hole] = lastSeenNanos[next];
                hole = next;
            }
        }
        keys[hole] = 0;
        size--;
    }

    int size() {
        return size;
    }

    long agingNanos() {
        return agingNanos;
    }
}
