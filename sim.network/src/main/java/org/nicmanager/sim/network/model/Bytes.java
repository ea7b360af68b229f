package org.nicmanager.sim.network.model;

/** Big-endian field access on frame bytes, for the few fields the model reads and rewrites in place. */
final class Bytes {

    private Bytes() {
    }

    static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
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
