package org.nicmanager.drivers.linux.io;

import java.nio.ByteBuffer;

import com.sun.jna.Memory;

import org.nicmanager.drivers.linux.nativeio.Abi;
import org.nicmanager.drivers.linux.nativeio.MappedRing;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.drivers.linux.nativeio.WakeUp;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.lib.frames.OffloadHeader;
import org.nicmanager.lib.frames.OffloadSettler;

/**
 * A NIC's receive thread: it waits in {@code poll()} for the kernel to fill slots of the memory-mapped receive ring,
 * copies each frame once into a buffer from the supply, offers it to the world's {@link ReceiveRing}, gives the slot
 * back to the kernel, and publishes once per batch. A VLAN tag the kernel took off into the frame header is put back,
 * so the frame reaches the kernel as it was on the wire. Nothing is allocated, locked or logged per frame.
 *
 * <p>When the socket has virtio headers, each frame's header says what is left to do, which the frame carries on
 * ({@link FrameOffload}): a checksum to complete (a local sender's, through a veth), or segments to cut (a super-frame
 * that GRO or a sender's TSO made). A super-frame longer than a slot is read whole from the socket's queue, where the
 * kernel put it, into a buffer of the super-frame supply; its slot, which says so (COPY), keeps the order. A merged
 * super-frame with verified checksums is marked as a TSO sender would leave it, checksum pending
 * ({@link OffloadSettler#markChecksumPending}). A header the kernel should never write is counted as a socket error.
 */
public final class ReceiveLoop implements Runnable {

    /** Frames offered between two publishes: one wake-up of the world per batch at most. */
    static final int BATCH = 256;
    private static final int VLAN_TAG_BYTES = 4;
    private static final int MAC_BYTES = 12;

    private final MappedRing slots;
    private final ByteBuffer map;
    private final ReceiveRing ring;
    private final FrameSupply supply;
    /** Buffers for super-frames read whole from the socket's queue; {@code null} without virtio headers. */
    private final FrameSupply superSupply;
    private final PacketSocket socket;
    /** The virtio header before each frame: 10 bytes, or 0. */
    private final int vnetHeaderBytes;
    /** A header and a whole super-frame, read from the socket's queue; made once. */
    private final Memory queued;
    private final ByteBuffer queuedView;
    private final HeaderParser headers = new HeaderParser();
    private final WakeUp stop;
    private final Poller poller;
    private final DriverDrops drops;
    private final int maxFrameBytes;
    private volatile boolean running = true;
    private int slot;

    /**
     * @param superSupply buffers for super-frames, used when the socket has virtio headers
     * @param maxFrameBytes the longest plain frame taken, header and VLAN tags included; longer ones are dropped
     */
    public ReceiveLoop(PacketSocket socket, ReceiveRing ring, FrameSupply supply, FrameSupply superSupply,
            DriverDrops drops, int maxFrameBytes) {
        this.socket = socket;
        this.vnetHeaderBytes = socket.vnetHeaderBytes();
        this.superSupply = vnetHeaderBytes > 0 ? superSupply : null;
        this.queued = this.superSupply != null ? new Memory(vnetHeaderBytes + this.superSupply.bufferBytes()) : null;
        this.queuedView = queued != null ? queued.getByteBuffer(0, queued.size()) : null;
        this.slots = socket.receiveRing();
        this.map = slots.memory();
        this.ring = ring;
        this.supply = supply;
        this.drops = drops;
        this.maxFrameBytes = Math.min(maxFrameBytes, supply.bufferBytes());
        this.stop = new WakeUp("the receive thread of " + socket.interfaceName());
        this.poller = new Poller(socket.fd(), stop.fd());
    }

    @Override
    public void run() {
        while (running) {
            if (drainBatch() > 0) {
                ring.publish();
            } else if (poller.await(Abi.POLLIN, -1)) {
                if (poller.woken()) {
                    stop.consume();
                }
                if (poller.clearedSocketError()) {
                    drops.countSocketError();
                }
            }
        }
    }

    /** Asks the thread to stop; from any other thread. It ends after the batch it is in. */
    public void stop() {
        running = false;
        stop.signal();
    }

    /** Closes the wake-up, once the thread has ended. */
    public void close() {
        stop.close();
    }

    private int drainBatch() {
        int taken = 0;
        while (taken < BATCH) {
            int status = slots.status(slot);
            if ((status & Abi.TP_STATUS_USER) == 0) {
                break;
            }
            take(status);
            slots.setStatus(slot, Abi.TP_STATUS_KERNEL);
            slot = slots.next(slot);
            taken++;
        }
        return taken;
    }

    private void take(int status) {
        if ((status & Abi.TP_STATUS_COPY) != 0 && superSupply != null) {
            takeQueued(status);
            return;
        }
        int captured = slots.intField(slot, Abi.TP_SNAPLEN);
        boolean tagged = (status & Abi.TP_STATUS_VLAN_VALID) != 0;
        int length = captured + (tagged ? VLAN_TAG_BYTES : 0);
        if (captured < slots.intField(slot, Abi.TP_LEN) || length > maxFrameBytes || captured < MAC_BYTES) {
            drops.countReceivedTooLong();
            return;
        }
        FrameBuffer frame = supply.take();
        if (frame == null) {
            drops.countReceiveNoBuffer();
            return;
        }
        int data = slots.offset(slot) + slots.shortField(slot, Abi.TP_MAC);
        copy(frame, map, data, captured, tagged, status);
        if (vnetHeaderBytes > 0 && !readOffloads(frame, map, data - vnetHeaderBytes, captured, tagged)) {
            return;
        }
        offer(frame);
    }

    /** A frame longer than a slot, which the kernel also queued whole: read it from the socket's queue. */
    private void takeQueued(int status) {
        long read = socket.receiveQueued(queued, (int) queued.size());
        if (read < vnetHeaderBytes + MAC_BYTES) {
            drops.countSocketError(); // the slot said it was queued, but the queue had no such frame
            return;
        }
        int captured = (int) read - vnetHeaderBytes;
        boolean tagged = (status & Abi.TP_STATUS_VLAN_VALID) != 0;
        if (captured + (tagged ? VLAN_TAG_BYTES : 0) > superSupply.bufferBytes()) {
            drops.countReceivedTooLong();
            return;
        }
        FrameBuffer frame = superSupply.take();
        if (frame == null) {
            drops.countReceiveNoBuffer();
            return;
        }
        copy(frame, queuedView, vnetHeaderBytes, captured, tagged, status);
        if (readOffloads(frame, queuedView, 0, captured, tagged)) {
            offer(frame);
        }
    }

    private void copy(FrameBuffer frame, ByteBuffer source, int data, int captured, boolean tagged, int status) {
        if (tagged) {
            copyRetagged(frame, source, data, captured, status);
        } else {
            frame.copyFrom(source, data, captured);
        }
    }

    /**
     * Reads the frame's virtio header into its offload, shifted past a VLAN tag put back; a merged super-frame is
     * marked checksum pending. False, with the frame released and counted, for a header no kernel writes.
     */
    private boolean readOffloads(FrameBuffer frame, ByteBuffer source, int at, int captured, boolean tagged) {
        FrameOffload offload = frame.offload();
        if (!OffloadHeader.read(source, at, captured, offload)) {
            frame.release();
            drops.countSocketError();
            return false;
        }
        if (tagged && !offload.none()) {
            if (offload.checksumPending()) {
                offload.setChecksum(offload.checksumStartBytes() + VLAN_TAG_BYTES, offload.checksumOffsetBytes());
            }
            if (offload.superFrame() && offload.headerBytes() > 0) {
                offload.setSegmentation(offload.segmentation(), offload.segmentBytes(),
                        offload.headerBytes() + VLAN_TAG_BYTES);
            }
        }
        if (offload.superFrame() && !offload.checksumPending()) {
            OffloadSettler.markChecksumPending(frame, headers); // GRO's: verified, but the field is stale
        }
        return true;
    }

    private void offer(FrameBuffer frame) {
        if (!ring.offer(frame)) {
            frame.release(); // counted by the ring as refused
        }
    }

    /** The MACs, the tag the kernel took off (its TPID, 802.1Q when the kernel gives none), then the rest. */
    private void copyRetagged(FrameBuffer frame, ByteBuffer source, int data, int captured, int status) {
        int tpid = (status & Abi.TP_STATUS_VLAN_TPID_VALID) != 0 ? slots.shortField(slot, Abi.TP_VLAN_TPID) : 0x8100;
        int tci = slots.shortField(slot, Abi.TP_VLAN_TCI);
        frame.setLength(captured + VLAN_TAG_BYTES);
        ByteBuffer memory = frame.memory();
        memory.put(0, source, data, MAC_BYTES);
        memory.put(MAC_BYTES, (byte) (tpid >>> 8));
        memory.put(MAC_BYTES + 1, (byte) tpid);
        memory.put(MAC_BYTES + 2, (byte) (tci >>> 8));
        memory.put(MAC_BYTES + 3, (byte) tci);
        memory.put(MAC_BYTES + VLAN_TAG_BYTES, source, data + MAC_BYTES, captured - MAC_BYTES);
    }
}
