package org.nicmanager.lib.frames;

/**
 * A 48-bit MAC address in frame bytes (network order) and in the low bits of a {@code long}, as
 * {@link org.nicmanager.kernel.api.frame.MacAddress} holds it: the one place that reads and writes those bytes. Frame
 * path: no allocation.
 */
public final class MacBytes {

    /** Where the destination and source MACs stand in an Ethernet frame. */
    public static final int DESTINATION_OFFSET = 0;
    public static final int SOURCE_OFFSET = 6;

    private MacBytes() {
    }

    /** The MAC in the six bytes at {@code offset}; the caller checks that they exist. */
    public static long read(byte[] data, int offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | (data[offset + i] & 0xFF);
        }
        return mac;
    }

    /** Writes the MAC into the six bytes at {@code offset}. */
    public static void write(byte[] data, int offset, long mac) {
        for (int i = 0; i < 6; i++) {
            data[offset + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }
}
