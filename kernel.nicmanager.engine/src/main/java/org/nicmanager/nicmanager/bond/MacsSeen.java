package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.frames.Hashing;

/**
 * The unicast source MACs (with their last IPv4 address) a bond has sent frames for: the VM MACs the switches must be
 * told about after a failover (patent [0101]). A fixed open-addressing table, no allocation per frame; when full, new
 * MACs are counted and not kept.
 */
final class MacsSeen {

    static final int CAPACITY = 1024;
    private static final long EMPTY = -1;
    private static final int MASK = CAPACITY - 1;
    /** At most this full, so that probes stay short. */
    private static final int MAX_ENTRIES = CAPACITY * 3 / 4;

    private final long[] macs = new long[CAPACITY];
    private final int[] ipv4 = new int[CAPACITY];
    /** Slots in use, in the order learnt; read by the notifier. */
    private final int[] order = new int[MAX_ENTRIES];
    private int size;
    private long overflow;

    MacsSeen() {
        java.util.Arrays.fill(macs, EMPTY);
    }

    /** Records a frame's source; multicast sources are ignored. {@code ip} 0 keeps the address known so far. */
    void learn(long mac, int ip) {
        if (MacAddress.isMulticast(mac)) {
            return;
        }
        int slot = (int) Hashing.mix(mac) & MASK;
        while (true) {
            long held = macs[slot];
            if (held == mac) {
                if (ip != 0) {
                    ipv4[slot] = ip;
                }
                return;
            }
            if (held == EMPTY) {
                if (size == MAX_ENTRIES) {
                    overflow++;
                    return;
                }
                macs[slot] = mac;
                ipv4[slot] = ip;
                order[size++] = slot;
                return;
            }
            slot = (slot + 1) & MASK;
        }
    }

    int size() {
        return size;
    }

    /** The i-th MAC learnt, 0..size-1. */
    long mac(int index) {
        return macs[order[index]];
    }

    /** Its last IPv4 address, or 0 when it sent none. */
    int ipv4(int index) {
        return ipv4[order[index]];
    }

    boolean contains(long mac) {
        int slot = (int) Hashing.mix(mac) & MASK;
        while (macs[slot] != EMPTY) {
            if (macs[slot] == mac) {
                return true;
            }
            slot = (slot + 1) & MASK;
        }
        return false;
    }

    /** MACs not kept because the table was full. */
    long overflow() {
        return overflow;
    }
}
