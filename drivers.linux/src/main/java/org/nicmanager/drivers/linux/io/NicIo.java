package org.nicmanager.drivers.linux.io;

import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * The two I/O threads of one NIC, named after it: one receives, one transmits (DESIGN.md section 3a). They touch only
 * the socket's rings and the world's driver rings, never network state.
 */
public final class NicIo {

    /** How long {@link #stop} waits for each thread; they leave poll() at once when woken, so this is a backstop. */
    private static final long JOIN_MILLIS = 10_000;

    private final ReceiveLoop receive;
    private final TransmitLoop transmit;
    private final Thread receiveThread;
    private final Thread transmitThread;
    private final DriverDrops drops = new DriverDrops();

    public NicIo(String nicName, PacketSocket socket, ReceiveRing receiveRing, TransmitRing transmitRing,
            FrameSupply supply, FrameSupply superSupply, int maxFrameBytes, boolean carrier) {
        this.receive = new ReceiveLoop(socket, receiveRing, supply, superSupply, drops, maxFrameBytes);
        this.transmit = new TransmitLoop(socket, transmitRing, drops, carrier);
        this.receiveThread = new Thread(receive, "linux " + nicName + " rx");
        this.transmitThread = new Thread(transmit, "linux " + nicName + " tx");
        receiveThread.setDaemon(true);
        transmitThread.setDaemon(true);
    }

    /**
     * Buffers for the super-frames the receive thread reads whole from the socket's queue, as many as the queue holds;
     * {@code null} when the socket has no virtio headers (and so receives none).
     */
    public static FrameSupply superFrameSupply(DriverRings rings, String name, PacketSocket socket) {
        return socket.vnetHeaderBytes() == 0 ? null : rings.newSupply(name + " super-frames",
                PacketSocket.RECEIVE_QUEUE_BYTES / FrameBuffer.MAX_SUPER_FRAME_BYTES,
                FrameBuffer.MAX_SUPER_FRAME_BYTES, FrameMemory.HEAP);
    }

    public void start() {
        receiveThread.start();
        transmitThread.start();
    }

    /** The transmit ring's doorbell; on the world thread. */
    public void framesWaiting() {
        transmit.framesWaiting();
    }

    /** The interface lost or regained its carrier; on the world thread. */
    public void carrierChanged(boolean carrier) {
        transmit.carrierChanged(carrier);
    }

    /** Doorbells the world answered by transmitting itself; world thread. */
    public long worldTransmits() {
        return transmit.worldTransmits();
    }

    public DriverDrops drops() {
        return drops;
    }

    public int maxTransmitFrameBytes() {
        return transmit.maxFrameBytes();
    }

    /**
     * Stops both threads and waits for them; from any thread. Afterwards the world may close its rings, then
     * {@link #close} this, and the socket may be closed.
     *
     * @throws IllegalStateException when a thread did not end in time (the socket must then stay open)
     */
    public void stop() {
        receive.stop();
        transmit.stop();
        join(receiveThread);
        join(transmitThread);
    }

    /**
     * Closes the threads' wake-ups, after {@link #stop} and once the world's rings are closed: a closed transmit ring
     * refuses frames, so its doorbell can no longer ring a descriptor that may by then be another file's.
     */
    public void close() {
        receive.close();
        transmit.close();
    }

    private static void join(Thread thread) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("I/O thread '" + thread.getName() + "' did not stop");
        }
    }
}
