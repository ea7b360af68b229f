package org.nicmanager.sim.network.model;

/** Big-endian field access on frame bytes, for the few fields the model reads and rewrites in place. */
final class Bytes {

    private Bytes() {
    }

    static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
    }

    /** The 48-bit MAC at {@code offset}, in the low bits of a long. */
    static long mac(byte[] data, int offset) {
        return (long) u16(data, offset) << 32 | (long) u16(data, offset + 2) << 16 | u16(data, offset + 4);
    }

    static void putMac(byte[] data, int offset, long mac) {
        for (int i = 0; i < 6; i++) {
            data[offset + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    /** Exchanges two non-overlapping runs of {@code lengthBytes}. */
    static void swap(byte[] data, int first, int second, int lengthBytes) {
        for (int i = 0; i < lengthBytes; i++) {
            byte kept = data[first + i];
            data[first + i] = data[second + i];
            data[second + i] = kept;
        }
    }
}
