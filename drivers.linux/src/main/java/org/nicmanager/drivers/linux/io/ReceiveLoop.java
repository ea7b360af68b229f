package org.nicmanager.drivers.linux.io;

import java.nio.ByteBuffer;

import org.nicmanager.drivers.linux.nativeio.Abi;
import org.nicmanager.drivers.linux.nativeio.MappedRing;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.drivers.linux.nativeio.WakeUp;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * A NIC's receive thread: it waits in {@code poll()} for the kernel to fill slots of the memory-mapped receive ring,
 * copies each frame once into a buffer from the supply, offers it to the world's {@link ReceiveRing}, gives the slot
 * back to the kernel, and publishes once per batch. A VLAN tag the kernel took off into the frame header is put back,
 * so the frame reaches the kernel as it was on the wire. Nothing is allocated, locked or logged per frame.
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
    private final WakeUp stop;
    private final Poller poller;
    private final DriverDrops drops;
    private final int maxFrameBytes;
    private volatile boolean running = true;
    private int slot;

    /** @param maxFrameBytes the longest frame taken, header and VLAN tags included; longer ones are dropped */
    public ReceiveLoop(PacketSocket socket, ReceiveRing ring, FrameSupply supply, DriverDrops drops,
            int maxFrameBytes) {
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
        if (tagged) {
            copyRetagged(frame, data, captured, status);
        } else {
            frame.copyFrom(map, data, captured);
        }
        if (!ring.offer(frame)) {
            frame.release(); // counted by the ring as refused
        }
    }

    /** The MACs, the tag the kernel took off (its TPID, 802.1Q when the kernel gives none), then the rest. */
    private void copyRetagged(FrameBuffer frame, int data, int captured, int status) {
        int tpid = (status & Abi.TP_STATUS_VLAN_TPID_VALID) != 0 ? slots.shortField(slot, Abi.TP_VLAN_TPID) : 0x8100;
        int tci = slots.shortField(slot, Abi.TP_VLAN_TCI);
        frame.setLength(captured + VLAN_TAG_BYTES);
        ByteBuffer memory = frame.memory();
        memory.put(0, map, data, MAC_BYTES);
        memory.put(MAC_BYTES, (byte) (tpid >>> 8));
        memory.put(MAC_BYTES + 1, (byte) tpid);
        memory.put(MAC_BYTES + 2, (byte) (tci >>> 8));
        memory.put(MAC_BYTES + 3, (byte) tci);
        memory.put(MAC_BYTES + VLAN_TAG_BYTES, map, data + MAC_BYTES, captured - MAC_BYTES);
    }
}
