package org.nicmanager.vmm.devices;

import java.util.Objects;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FramePool;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.vnic.GuestReceiver;
import org.nicmanager.kernel.api.vnic.InterruptModerator;
import org.nicmanager.kernel.api.vnic.VnicCounters;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.api.vnic.VnicUplink;

/**
 * One virtual NIC's device emulation, on the world thread (patent [0056]-[0058]).
 *
 * <p>Transmit: the guest's frame is copied into a pooled kernel buffer, as the DMA emulation does, tagged with this
 * NIC's port and handed to the uplink; while no NIC manager holds the NIC (no uplink), the frame is dropped and counted
 * before any copy. Receive: frames for the guest wait in a bounded queue; the first frame of a batch
 * arms the receive interrupt, raised through the world's timers (the VMM's action queue) after the moderator's delay,
 * and servicing it hands the whole batch to the guest. Nothing allocates per frame.
 */
final class EmulatedNic {

    /** Ethernet header plus two VLAN tags, on top of the MTU. */
    private static final int HEADER_BYTES = 22;

    /** What happened to a frame the guest sent. */
    enum TransmitResult {
        SENT, TOO_LONG, NO_BUFFER, NO_UPLINK, REFUSED
    }

    private final String name;
    private final long mac;
    private final VnicModel model;
    private final int port;
    private final FramePool pool;
    private final FrameBuffer[] rxQueue;
    private final Timer interrupt;
    private VnicUplink uplink;
    private final GuestReceiver guest;
    private InterruptModerator moderator = InterruptModerator.IMMEDIATE;
    private int rxHead;
    private int rxCount;
    private long txFrames;
    private long txBytes;
    private long txDropsTooLong;
    private long txDropsNoBuffer;
    private long txDropsNoUplink;
    private long txRefused;
    private long rxFrames;
    private long rxBytes;
    private long rxDropsQueueFull;
    private long interrupts;

    EmulatedNic(String name, long mac, VnicModel model, int port, FramePool pool, KernelScheduler scheduler,
            GuestReceiver guest) {
        this.name = name;
        this.mac = mac;
        this.model = model;
        this.port = port;
        this.pool = pool;
        this.guest = guest;
        this.rxQueue = new FrameBuffer[model.rxQueueFrames()];
        this.interrupt = scheduler.newTimer("vnic " + name + " receive interrupt", this::serviceInterrupt);
    }

    /** The guest sends {@code lengthBytes} of {@code data} from {@code offset}. */
    TransmitResult transmitFromGuest(byte[] data, int offset, int lengthBytes) {
        if (lengthBytes > model.mtuBytes() + HEADER_BYTES) {
            txDropsTooLong++;
            return TransmitResult.TOO_LONG;
        }
        if (uplink == null) {
            txDropsNoUplink++; // DropReason.NO_MEMBER_AVAILABLE: no NIC manager holds this vNIC now
            return TransmitResult.NO_UPLINK;
        }
        FrameBuffer frame = pool.acquire();
        if (frame == null) {
            txDropsNoBuffer++;
            return TransmitResult.NO_BUFFER;
        }
        frame.copyFrom(data, offset, lengthBytes); // the DMA emulation's copy into kernel memory
        frame.setSourcePort(port);
        if (!uplink.send(frame)) {
            frame.release();
            txRefused++;
            return TransmitResult.REFUSED;
        }
        txFrames++;
        txBytes += lengthBytes;
        return TransmitResult.SENT;
    }

    /** A frame for this guest; ownership passes here. Dropped and counted when the receive queue is full. */
    void deliver(FrameBuffer frame) {
        if (rxCount == rxQueue.length) {
            rxDropsQueueFull++;
            frame.release();
            return;
        }
        rxQueue[(rxHead + rxCount) % rxQueue.length] = frame;
        rxCount++;
        rxFrames++;
        rxBytes += frame.length();
        if (!interrupt.armed()) {
            interrupt.armAfter(Math.max(0, moderator.receiveInterruptDelayNanos(name, frame)));
        }
    }

    private void serviceInterrupt() {
        interrupts++;
        while (rxCount > 0) {
            FrameBuffer frame = rxQueue[rxHead];
            rxQueue[rxHead] = null;
            rxHead = (rxHead + 1) % rxQueue.length;
            rxCount--;
            guest.received(frame);
        }
    }

    /** From now on the guest's frames go to {@code uplink}. */
    void connect(VnicUplink uplink) {
        this.uplink = Objects.requireNonNull(uplink, "uplink");
    }

    /** From now on the guest's frames are dropped and counted as {@code txDropsNoUplink}, until connected again. */
    void disconnect() {
        this.uplink = null;
    }

    boolean connected() {
        return uplink != null;
    }

    void setModerator(InterruptModerator moderator) {
        this.moderator = moderator == null ? InterruptModerator.IMMEDIATE : moderator;
    }

    String name() {
        return name;
    }

    long mac() {
        return mac;
    }

    VnicModel model() {
        return model;
    }

    int port() {
        return port;
    }

    VnicCounters counters() {
        return new VnicCounters(txFrames, txBytes, txDropsTooLong, txDropsNoBuffer, txDropsNoUplink, txRefused,
                rxFrames, rxBytes, rxDropsQueueFull, interrupts, rxCount);
    }
}
