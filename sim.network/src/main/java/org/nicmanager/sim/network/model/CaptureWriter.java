package org.nicmanager.sim.network.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a classic libpcap file (the format tcpdump, Wireshark and tshark read) on a thread of its own: a 24-byte
 * global header with the nanosecond-resolution magic 0xA1B23C4D, link type 1 (DLT_EN10MB, Ethernet without FCS), then
 * per frame a 16-byte record header (seconds, nanoseconds, captured and original length) and the frame's bytes,
 * little-endian, as the magic tells readers.
 *
 * <p>The network world only copies each record into a preallocated ring, one producer and one consumer, published by
 * an ordered store: no allocation, no lock, no system call per frame. The writer thread drains the ring into the file.
 * A file slower than the traffic (a full pipe, a stalled disk) fills the ring, and the frames that find no room are
 * counted as dropped from the capture; the world never waits for the file.
 */
final class CaptureWriter implements Runnable {

    private static final int MAGIC_NANOSECONDS = 0xA1B2_3C4D;
    private static final short VERSION_MAJOR = 2;
    private static final short VERSION_MINOR = 4;
    static final int SNAPSHOT_LENGTH = 65_535;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int GLOBAL_HEADER_BYTES = 24;
    private static final int RECORD_HEADER_BYTES = 16;
    /** Room for a few milliseconds of a saturated 10 Gb/s port; a power of two, so a position masks to an index. */
    static final int RING_BYTES = 4 << 20;
    private static final int MASK = RING_BYTES - 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How long the writer sleeps when the ring is empty; the world never wakes it per frame. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final CaptureFile file;
    private final byte[] ring = new byte[RING_BYTES];
    private final ByteBuffer drainView = ByteBuffer.wrap(ring);
    /** Bytes the world has published; written by the world thread only. */
    private final AtomicLong published = new AtomicLong();
    /** Bytes the writer has put in the file; written by the writer thread only. */
    private final AtomicLong drained = new AtomicLong();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile String failure;
    /** Frames that found the ring full; world thread. */
    private long droppedFrames;

    CaptureWriter(CaptureFile file, String port) {
        this.file = file;
        this.thread = new Thread(this, "capture " + port);
        thread.setDaemon(true); // a host stopping waits for it through finished(), bounded, and never hangs on it
    }

    void start() {
        thread.start();
    }

    /** One frame seen at kernel time {@code nanos}; world thread. False, and counted, when the ring has no room. */
    boolean record(long nanos, byte[] data, int length) {
        int captured = Math.min(length, SNAPSHOT_LENGTH);
        int needed = RECORD_HEADER_BYTES + captured;
        long position = published.get();
        if (failure != null || closing || RING_BYTES - (position - drained.getAcquire()) < needed) {
            droppedFrames++;
            return false;
        }
        position = putInt(position, (int) (nanos / NANOS_PER_SECOND));
        position = putInt(position, (int) (nanos % NANOS_PER_SECOND));
        position = putInt(position, captured);
        position = putInt(position, length);
        int index = (int) (position & MASK);
        int first = Math.min(captured, RING_BYTES - index);
        System.arraycopy(data, 0, ring, index, first);
        System.arraycopy(data, first, ring, 0, captured - first);
        published.setRelease(position + captured);
        return true;
    }

    private long putInt(long position, int value) {
        for (int shift = 0; shift < Integer.SIZE; shift += Byte.SIZE) {
            ring[(int) (position++ & MASK)] = (byte) (value >>> shift);
        }
        return position;
    }

    /** No more records; the writer drains what is left, closes the file and ends. World thread; never waits. */
    void close() {
        closing = true;
        LockSupport.unpark(thread);
    }

    long droppedFrames() {
        return droppedFrames;
    }

    /** Why writing failed, or null. */
    String failure() {
        return failure;
    }

    /** Completes once the file is written and closed (or writing failed). */
    CompletableFuture<Void> finished() {
        return finished;
    }

    boolean done() {
        return finished.isDone();
    }

    @Override
    public void run() {
        FileChannel channel = file.channel();
        try (channel) {
            writeGlobalHeader(channel);
            while (true) {
                boolean last = closing; // read before the ring: a record published before closing is drained
                long available = published.getAcquire();
                long from = drained.get();
                if (available > from) {
                    drain(channel, from, available);
                    drained.setRelease(available);
                } else if (last) {
                    break;
                } else {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
            }
        } catch (IOException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            finished.complete(null);
        }
    }

    private static void writeGlobalHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(GLOBAL_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_NANOSECONDS).putShort(VERSION_MAJOR).putShort(VERSION_MINOR).putInt(0).putInt(0)
                .putInt(SNAPSHOT_LENGTH).putInt(LINKTYPE_ETHERNET).flip();
        writeFully(channel, header);
    }

    private void drain(FileChannel channel, long from, long to) throws IOException {
        int start = (int) (from & MASK);
        int bytes = (int) (to - from);
        int first = Math.min(bytes, RING_BYTES - start);
        drainView.limit(start + first).position(start);
        writeFully(channel, drainView);
        if (first < bytes) {
            drainView.limit(bytes - first).position(0);
            writeFully(channel, drainView);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public String toString() {
        return "CaptureWriter[" + file.path() + "]";
    }
}
