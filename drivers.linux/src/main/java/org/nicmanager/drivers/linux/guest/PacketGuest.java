package org.nicmanager.drivers.linux.guest;

import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.drivers.linux.LinuxNic;
import org.nicmanager.drivers.linux.io.DriverDrops;
import org.nicmanager.drivers.linux.io.NicIo;
import org.nicmanager.drivers.linux.nativeio.InterfaceFacts;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;

/**
 * A guest on the far side of a veth pair, joined to its virtual NIC through the driver rings by the same I/O threads a
 * Linux NIC has ({@link NicIo}): what the guest sends is read from the socket's receive ring and handed to the device
 * ({@link GuestPort#fromGuest}); what is for the guest goes to the socket's transmit ring, sent by the world itself
 * when the ring is quiet. Frames for the guest that its ring has no room for are dropped, counted as
 * {@code GUEST_QUEUE_FULL}; a frame the kernel did not take (the guest's end down) comes back and is counted as
 * {@code SEND_FAILED}.
 */
final class PacketGuest implements GuestConnection {

    static final int FROM_GUEST_SLOTS = 1024;
    static final int TO_GUEST_SLOTS = 1024;

    private final InterfaceFacts facts;
    private final PacketSocket socket;
    private final String offloads;
    private final Runnable releaseClaim;
    private final ReceiveRing fromGuest;
    private final TransmitRing toGuest;
    private final NicIo io;
    /** World thread. */
    private long toGuestQueueFull;
    private long toGuestSendFailed;
    private boolean closed;

    private PacketGuest(GuestPort port, DriverRings rings, InterfaceFacts facts, PacketSocket socket, String offloads,
            Runnable releaseClaim) {
        this.facts = facts;
        this.socket = socket;
        this.offloads = offloads;
        this.releaseClaim = releaseClaim;
        String name = "veth " + port.vnic();
        int maxFrameBytes = Math.min(FrameBuffer.MAX_FRAME_BYTES, LinuxNic.maxFrameBytes(facts.mtuBytes()));
        this.fromGuest = rings.openReceive(port.world(), name + " from guest", FROM_GUEST_SLOTS, port::fromGuest);
        NicIo[] threads = new NicIo[1]; // the doorbell below is rung only once the threads exist
        try {
            this.toGuest = rings.openTransmit(port.world(), name + " to guest", TO_GUEST_SLOTS, new TransmitHandler() {
                @Override
                public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
                    if (outcome == TransmitOutcome.ABORTED) {
                        toGuestSendFailed++;
                    }
                    frame.release();
                }

                @Override
                public void framesWaiting() {
                    threads[0].framesWaiting();
                }
            });
        } catch (RuntimeException refused) {
            fromGuest.close();
            throw refused;
        }
        this.io = new NicIo(name, socket, fromGuest, toGuest,
                rings.newSupply(name, 2 * FROM_GUEST_SLOTS, maxFrameBytes, FrameMemory.HEAP),
                NicIo.superFrameSupply(rings, name, socket), maxFrameBytes, facts.carrier());
        threads[0] = io;
    }

    /** Joins the guest and starts the threads; on the world thread. On failure the rings are closed. */
    static PacketGuest start(GuestPort port, DriverRings rings, InterfaceFacts facts, PacketSocket socket,
            String offloads, Runnable releaseClaim) {
        PacketGuest guest = new PacketGuest(port, rings, facts, socket, offloads, releaseClaim);
        guest.io.start();
        return guest;
    }

    /** A frame for the guest, on the world thread: to the transmit ring, or dropped and counted when it is full. */
    @Override
    public void received(FrameBuffer frame) {
        if (!toGuest.offer(frame)) {
            toGuestQueueFull++;
            frame.release();
        }
    }

    /** Super-frames and pending checksums travel to the guest in virtio headers, when the socket has them. */
    @Override
    public boolean takesOffloadedFrames() {
        return socket.vnetHeaderBytes() > 0 && socket.takesOffloadedFrames();
    }

    @Override
    public String describe() {
        return "veth " + facts.name() + " (" + offloads + ")";
    }

    @Override
    public Map<String, Long> fromGuestDropped() {
        DriverDrops drops = io.drops();
        Map<String, Long> dropped = new TreeMap<>();
        putIfAny(dropped, "TOO_LONG", drops.receivedTooLong());
        putIfAny(dropped, "NO_BUFFER", drops.receiveNoBuffer());
        putIfAny(dropped, "READ_FAILED", drops.socketErrors());
        putIfAny(dropped, "RING_FULL", fromGuest.counters().refusedFull());
        putIfAny(dropped, "KERNEL_RING_FULL", socket.kernelDrops());
        return dropped;
    }

    @Override
    public Map<String, Long> toGuestDropped() {
        Map<String, Long> dropped = new TreeMap<>();
        putIfAny(dropped, "GUEST_QUEUE_FULL", toGuestQueueFull);
        putIfAny(dropped, "SEND_FAILED", toGuestSendFailed);
        return dropped;
    }

    private static void putIfAny(Map<String, Long> dropped, String reason, long count) {
        if (count > 0) {
            dropped.put(reason, count);
        }
    }

    /** Stops the threads, closes the rings (frames still held come back), the socket, and gives the interface up. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        io.stop();
        toGuest.close();
        fromGuest.close();
        io.close();
        socket.close();
        releaseClaim.run();
    }
}
