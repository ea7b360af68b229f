package org.nicmanager.lib.frames;

/**
 * The stamp that test traffic carries at the start of its payload: a marker, a flow id and a sequence number. Every
 * traffic generator writes it and every receiver (external hosts, guest workloads) reads it, to count frames per flow
 * and to detect loss (gaps) and reordering (a sequence below one already seen).
 *
 * <p>Layout from the payload offset: magic {@code "NICS"} (4 bytes), flow id (4), sequence (8), big-endian.
 */
public record FlowStamp(int flowId, long sequence) {

    public static final int MAGIC = 0x4E494353;
    public static final int BYTES = 16;

    /** Writes a stamp at {@code offset}; the caller has checked the room. */
    public static void write(byte[] data, int offset, int flowId, long sequence) {
        FrameWriter.put32(data, offset, MAGIC);
        FrameWriter.put32(data, offset + 4, flowId);
        FrameWriter.put32(data, offset + 8, (int) (sequence >>> 32));
        FrameWriter.put32(data, offset + 12, (int) sequence);
    }

    /** True when a stamp starts at {@code offset} and fits before {@code end}. Never throws. */
    public static boolean present(byte[] data, int offset, int end) {
        return offset >= 0 && end <= data.length && offset + BYTES <= end && read32(data, offset) == MAGIC;
    }

    /** The flow id of a stamp known to be {@link #present}. */
    public static int flowId(byte[] data, int offset) {
        return read32(data, offset + 4);
    }

    /** The sequence number of a stamp known to be {@link #present}. */
    public static long sequence(byte[] data, int offset) {
        return (long) read32(data, offset + 8) << 32 | (read32(data, offset + 12) & 0xFFFFFFFFL);
    }

    private static int read32(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
                | (data[offset + 3] & 0xFF);
    }
}
