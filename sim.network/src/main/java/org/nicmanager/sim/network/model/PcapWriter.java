package org.nicmanager.sim.network.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic libpcap file (the format tcpdump, Wireshark and tshark read): a 24-byte global header with the
 * nanosecond-resolution magic 0xA1B23C4D, link type 1 (DLT_EN10MB, Ethernet without FCS), then per frame a 16-byte
 * record header (seconds, nanoseconds, captured and original length) and the frame's bytes. Little-endian, as the
 * magic tells readers. Records collect in one buffer, written out when it fills and at {@link #close}, so recording a
 * frame allocates nothing.
 */
final class PcapWriter implements AutoCloseable {

    private static final int MAGIC_NANOSECONDS = 0xA1B2_3C4D;
    private static final short VERSION_MAJOR = 2;
    private static final short VERSION_MINOR = 4;
    static final int SNAPSHOT_LENGTH = 65_535;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int RECORD_HEADER_BYTES = 16;
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    /** Creates (or truncates) the file and writes the global header. */
    PcapWriter(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        buffer.putInt(MAGIC_NANOSECONDS).putShort(VERSION_MAJOR).putShort(VERSION_MINOR).putInt(0).putInt(0)
                .putInt(SNAPSHOT_LENGTH).putInt(LINKTYPE_ETHERNET);
        flush();
    }

    Path file() {
        return file;
    }

    /** One frame seen at kernel time {@code nanos}. */
    void record(long nanos, byte[] data, int length) {
        int captured = Math.min(length, SNAPSHOT_LENGTH);
        if (buffer.remaining() < RECORD_HEADER_BYTES + captured) {
            flush();
        }
        buffer.putInt((int) (nanos / NANOS_PER_SECOND)).putInt((int) (nanos % NANOS_PER_SECOND)).putInt(captured)
                .putInt(length).put(data, 0, captured);
    }

    private void flush() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write capture file " + file, e);
        } finally {
            buffer.clear();
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close capture file " + file, e); // nothing left to lose
            }
        }
    }
}
