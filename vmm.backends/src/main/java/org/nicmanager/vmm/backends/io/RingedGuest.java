package org.nicmanager.vmm.backends.io;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.lib.frames.OffloadHeader;

/**
 * A real guest behind a {@link GuestChannel}, joined to its virtual NIC through the driver rings (DESIGN.md 3a), as a
 * NIC driver with I/O threads of its own is: the rings fit a virtual NIC unchanged, one receive ring for what the
 * guest sends, one transmit ring for what it receives.
 *
 * <ul>
 * <li>The reader thread reads each frame into its own direct buffer, checks its size (too long or too short: dropped
 * with a reason, counted), copies it once into a heap buffer from the back end's supply (the DMA emulation's copy,
 * patent [0057]) and offers it to the receive ring, publishing once per batch or when the channel runs dry. The world
 * hands each frame to the device ({@link GuestPort#fromGuest}).</li>
 * <li>Frames for the guest ({@link #received}, world thread, after the receive interrupt) go to the
 * {@link GuestWriter}, through the transmit ring, in order.</li>
 * </ul>
 */
public final class RingedGuest implements GuestConnection {

    /** Frames the ring from the guest holds: a power of two. */
    static final int RING_SLOTS = 256;
    /**
     * Frames the ring to the guest holds: a receive interrupt hands the guest a whole batch at once (up to its model's
     * queue, 256 frames for an e1000) while earlier batches may still be in the writer's hands.
     */
    static final int TO_GUEST_SLOTS = 1024;
    /** Buffers for frames up to the MTU: two rings' worth, so that the reader fills one while the world drains one. */
    static final int PLAIN_BUFFERS = 2 * RING_SLOTS;
    /**
     * Buffers of a guest with offloads for its 64 KB super-frames, besides its plain ones: fewer, since each carries
     * up to 44 segments (8 MB in all).
     */
    static final int SUPER_FRAME_BUFFERS = 128;
    /** Frames offered or completed between two publishes, at most. */
    static final int BATCH = 64;
    /** Ethernet header and two VLAN tags on top of the MTU, as the device counts it. */
    public static final int HEADER_BYTES = 22;
    public static final int MIN_FRAME_BYTES = 14;
    /** How long the reader pauses while the world is behind, and how many times before it drops: 2 ms in all. */
    static final long BACK_OFF_NANOS = 50_000;
    static final int BACK_OFF_TRIES = 40;
    /** How long closing waits for each thread to stop. */
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final GuestChannel channel;
    /** The longest plain frame: the MTU with headers. */
    private final int maxFrameBytes;
    /** The virtio header before each frame on the channel: 0, or 10 with offloads. */
    private final int offloadHeaderBytes;
    /** Buffers for frames up to the MTU. */
    private final FrameSupply plainSupply;
    /** Buffers for super-frames, of a guest with offloads; else {@code null}. */
    private final FrameSupply superSupply;
    private final ReceiveRing fromGuest;
    private final TransmitRing toGuest;
    private final DropCounts drops = new DropCounts();
    private final GuestPort port;
    /** Reader thread: the MAC the device had when last asked. */
    private long knownDeviceMac;
    private final Thread reader;
    private final GuestWriter writer;
    private volatile boolean running = true;
    private boolean closed;

    private RingedGuest(GuestChannel channel, GuestPort port, DriverRings rings, String kind) {
        this.channel = channel;
        this.port = port;
        this.knownDeviceMac = port.mac();
        this.maxFrameBytes = port.mtuBytes() + HEADER_BYTES;
        this.offloadHeaderBytes = channel.offloadHeaderBytes();
        String name = kind + " " + port.vnic();
        // A guest with offloads sends small frames too (a 64-byte flood, a TCP session's ACKs): they take plain
        // buffers, so that the few large ones are not tied up by them.
        this.plainSupply = rings.newSupply(name, PLAIN_BUFFERS, maxFrameBytes, FrameMemory.HEAP);
        this.superSupply = offloadHeaderBytes > 0
                ? rings.newSupply(name + " super-frames", SUPER_FRAME_BUFFERS, FrameBuffer.MAX_SUPER_FRAME_BYTES,
                        FrameMemory.HEAP)
                : null;
        this.fromGuest = rings.openReceive(port.world(), name + " from guest", RING_SLOTS, port::fromGuest);
        try {
            this.writer = new GuestWriter(channel, drops, name);
            this.toGuest = rings.openTransmit(port.world(), name + " to guest", TO_GUEST_SLOTS, writer);
        } catch (RuntimeException refused) {
            fromGuest.close(); // nothing stays open when the guest cannot be joined
            throw refused;
        }
        this.reader = new Thread(this::readFrames, name + " reader");
        reader.setDaemon(true);
    }

    /**
     * Joins {@code channel} to the virtual NIC and starts the threads. On the world thread; on failure the channel is
     * closed.
     *
     * @param kind names the threads and rings, e.g. {@code udp}
     */
    public static RingedGuest start(GuestChannel channel, GuestPort port, DriverRings rings, String kind) {
        RingedGuest guest;
        try {
            guest = new RingedGuest(channel, port, rings, kind);
        } catch (RuntimeException failed) {
            channel.close();
            throw failed;
        }
        guest.reader.start();
        guest.writer.start(guest.toGuest);
        return guest;
    }

    private void readFrames() {
        // one more: a longer frame shows
        FrameSupply largest = superSupply != null ? superSupply : plainSupply;
        ByteBuffer frameBytes = ByteBuffer.allocateDirect(offloadHeaderBytes + largest.bufferBytes() + 1);
        int batch = 0;
        while (running) {
            int length;
            try {
                length = channel.read(frameBytes);
            } catch (PortUnreachableException noOneListens) {
                drops.count(GuestDrop.PEER_UNREACHABLE);
                continue;
            } catch (IOException failed) {
                if (!running) {
                    break;
                }
                drops.count(GuestDrop.READ_FAILED);
                continue;
            }
            if (length < 0) {
                writer.channelGone();
                break;
            }
            if (length == 0) {
                if (batch > 0) {
                    fromGuest.publish();
                    batch = 0;
                }
                awaitFrame();
                continue;
            }
            if (offer(frameBytes, length) && ++batch == BATCH) {
                fromGuest.publish();
                batch = 0;
            }
        }
        if (batch > 0) {
            fromGuest.publish();
        }
    }

    /**
     * A frame from a source MAC other than the device's: the guest may have set a new MAC on its device, which then
     * says so (one system call). A change goes to the world as a control event: the port's security policy judges
     * by the guest's effective MAC. A guest forging its source costs a system call per forged frame, on this thread.
     */
    private void watchGuestMac(ByteBuffer frameBytes) {
        int at = offloadHeaderBytes + 6;
        long source = (frameBytes.getShort(at) & 0xffffL) << 32 | frameBytes.getInt(at + 2) & 0xffffffffL;
        if (source == knownDeviceMac) {
            return;
        }
        long deviceMac = channel.deviceMac();
        if (deviceMac >= 0 && deviceMac != knownDeviceMac) {
            knownDeviceMac = deviceMac;
            port.world().post(() -> port.guestMacChanged(deviceMac));
        }
    }

    /**
     * Checks one frame's size, copies it into a kernel buffer with what its virtio header says is left to do, and
     * offers it; true when the ring took it. Only a super-frame may be longer than the MTU allows.
     */
    private boolean offer(ByteBuffer frameBytes, int readBytes) {
        int length = readBytes - offloadHeaderBytes;
        boolean superFrame = offloadHeaderBytes > 0 && frameBytes.get(1) != 0; // the header's segmentation type
        if (length > (superFrame ? superSupply.bufferBytes() : maxFrameBytes)) {
            drops.count(GuestDrop.TOO_LONG);
            return false;
        }
        if (length < MIN_FRAME_BYTES) {
            drops.count(GuestDrop.TOO_SHORT);
            return false;
        }
        watchGuestMac(frameBytes);
        FrameSupply supply = superFrame ? superSupply : plainSupply;
        FrameBuffer frame = supply.take();
        for (int tries = 0; frame == null && tries < BACK_OFF_TRIES && running; tries++) {
            backOff();
            frame = supply.take();
        }
        if (frame == null) {
            drops.count(GuestDrop.NO_BUFFER);
            return false;
        }
        frame.copyFrom(frameBytes, offloadHeaderBytes, length);
        if (offloadHeaderBytes > 0 && !OffloadHeader.read(frameBytes, 0, length, frame.offload())) {
            frame.release();
            drops.count(GuestDrop.BAD_OFFLOAD_HEADER);
            return false;
        }
        boolean taken = fromGuest.offer(frame);
        for (int tries = 0; !taken && tries < BACK_OFF_TRIES && running; tries++) {
            backOff();
            taken = fromGuest.offer(frame);
        }
        if (!taken) {
            frame.release();
            drops.count(GuestDrop.RING_FULL);
        }
        return taken;
    }

    /**
     * The world is behind (its ring is full, or every buffer is in the kernel): show it what waits, and pause this
     * reader briefly. Meanwhile the guest's frames wait in the socket's buffer or the TAP device's queue, so a fast
     * guest is slowed down rather than losing frames; only a world behind for longer makes the reader drop.
     */
    private void backOff() {
        fromGuest.publish();
        LockSupport.parkNanos(BACK_OFF_NANOS);
    }

    private void awaitFrame() {
        try {
            channel.awaitFrame();
        } catch (IOException failed) {
            if (running) {
                drops.count(GuestDrop.READ_FAILED);
            }
        }
    }

    /** A frame for the guest, on the world thread: handed to the writer, or dropped and counted when it is behind. */
    @Override
    public void received(FrameBuffer frame) {
        writer.received(frame);
    }

    /** A guest with offloads takes super-frames and pending checksums as they come; the device settles the rest. */
    @Override
    public boolean takesOffloadedFrames() {
        return offloadHeaderBytes > 0;
    }

    @Override
    public String describe() {
        return writer.gone() ? channel.describe() + " (gone)" : channel.describe();
    }

    @Override
    public Map<String, Long> fromGuestDropped() {
        return drops.byReason(true);
    }

    @Override
    public Map<String, Long> toGuestDropped() {
        return drops.byReason(false);
    }

    /** The back end's drops, for tests and figures. */
    public DropCounts drops() {
        return drops;
    }

    /** Stops both threads, then closes the channel and the rings; on the world thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        channel.wakeUp();
        writer.stop();
        join(reader);
        join(writer.thread());
        channel.close();
        fromGuest.close();
        toGuest.close();
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.MILLISECONDS.toMillis(STOP_WAIT_MILLIS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
