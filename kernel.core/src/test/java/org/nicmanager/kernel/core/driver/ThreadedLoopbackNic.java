package org.nicmanager.kernel.core.driver;

import java.util.concurrent.locks.LockSupport;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.NetworkWorld;

/**
 * A template of a driver whose device has a thread of its own, written against the driver contract alone: a loopback
 * card. Its device thread takes frames from the transmit ring, puts each on its "wire" by copying it into a buffer
 * from its supply (the one copy), offers that to the receive ring, and completes the transmitted frame. The
 * {@link PhysicalNic} side runs on the world thread and never touches the device thread's state; the device thread
 * never touches the NIC's.
 */
final class ThreadedLoopbackNic implements PhysicalNic {

    private static final int MTU_BYTES = 1500;

    private final String name;
    private final FrameSupply wire;
    private final TransmitRing transmitRing;
    private final ReceiveRing receiveRing;
    private final Thread device;
    private volatile boolean running = true;
    // world side only
    private NicListener listener;
    private boolean wakeOnSpace;
    private long txFrames;
    private long txBytes;
    private long rxFrames;
    private long rxBytes;
    private long txBusy;
    private long txDropsLinkDown;
    private long rxDropsNoListener;

    /** Call on {@code world}'s thread. */
    ThreadedLoopbackNic(DriverRings rings, NetworkWorld world, String name, int slots) {
        this.name = name;
        this.wire = rings.newSupply(name + " wire", 2 * slots, 2048, FrameMemory.HEAP);
        this.transmitRing = rings.openTransmit(world, name + " tx", slots, new TransmitHandler() {
            @Override
            public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
                completed(frame, outcome);
            }

            @Override
            public void framesWaiting() {
                LockSupport.unpark(device); // the doorbell
            }
        });
        this.receiveRing = rings.openReceive(world, name + " rx", slots, this::received);
        this.device = new Thread(this::deviceLoop, name + " device");
    }

    void start() {
        device.start();
    }

    /** Stops the device thread, from any thread but the world's; then close the rings on the world thread. */
    void stopDevice() throws InterruptedException {
        running = false;
        LockSupport.unpark(device);
        device.join(10_000);
    }

    /** On the world thread, after {@link #stopDevice()}: frames not completed come back as aborted. */
    void closeRings() {
        transmitRing.close();
        receiveRing.close();
    }

    // --- the device thread ------------------------------------------------------------------------------------------

    private void deviceLoop() {
        while (running) {
            FrameBuffer frame;
            int batch = 0;
            while ((frame = transmitRing.take()) != null) {
                loopBack(frame);
                transmitRing.complete(frame, TransmitOutcome.SENT);
                batch++;
            }
            if (batch > 0) {
                receiveRing.publish();
                transmitRing.publish();
            } else {
                LockSupport.park(this); // take() found the ring empty, so the next offer rings the doorbell
            }
        }
    }

    /**
     * Puts a copy of {@code frame} on the receive side. A loopback wire has flow control: while the world has not
     * drained the receive ring or given buffers back, the device waits, publishing what it has, rather than drop.
     */
    private void loopBack(FrameBuffer frame) {
        FrameBuffer echo;
        while ((echo = wire.take()) == null) {
            if (!waitForTheWorld()) {
                return;
            }
        }
        echo.copyFrom(frame.memory(), 0, frame.length());
        while (!receiveRing.offer(echo)) {
            if (!waitForTheWorld()) {
                echo.release();
                return;
            }
        }
    }

    private boolean waitForTheWorld() {
        receiveRing.publish();
        transmitRing.publish();
        Thread.yield();
        return running;
    }

    // --- the world's side ---------------------------------------------------------------------------------------

    private void received(FrameBuffer frame) {
        if (listener == null) {
            rxDropsNoListener++;
            frame.release();
            return;
        }
        rxFrames++;
        rxBytes += frame.length();
        listener.frameReceived(this, frame);
    }

    private void completed(FrameBuffer frame, TransmitOutcome outcome) {
        if (outcome == TransmitOutcome.ABORTED) {
            txDropsLinkDown++;
            if (listener == null) {
                frame.release();
            } else {
                listener.transmitAborted(this, frame);
            }
            return;
        }
        txFrames++;
        txBytes += frame.length();
        if (listener != null) {
            listener.transmitCompleted(this, frame);
        }
        frame.release();
        if (wakeOnSpace && listener != null) {
            wakeOnSpace = false;
            listener.transmitReady(this);
        }
    }

    @Override
    public TransmitStatus transmit(FrameBuffer frame) {
        if (frame.length() > MTU_BYTES + 14) {
            return TransmitStatus.TOO_LONG;
        }
        if (!transmitRing.offer(frame)) {
            txBusy++;
            wakeOnSpace = true;
            return TransmitStatus.BUSY;
        }
        return TransmitStatus.ACCEPTED;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driver() {
        return "loopback";
    }

    @Override
    public long macAddress() {
        return 0x02_00_00_00_00_01L;
    }

    @Override
    public long speedBps() {
        return 10_000_000_000L;
    }

    @Override
    public int mtuBytes() {
        return MTU_BYTES;
    }

    @Override
    public LinkState linkState() {
        return running ? LinkState.UP : LinkState.DOWN;
    }

    @Override
    public long pendingBytes() {
        return transmitRing.pendingBytes();
    }

    @Override
    public int pendingFrames() {
        return transmitRing.pendingFrames();
    }

    @Override
    public boolean transmitRingFull() {
        return transmitRing.full();
    }

    @Override
    public void attach(NicListener listener) {
        this.listener = listener;
    }

    @Override
    public void setPromiscuous(boolean promiscuous) {
        // a loopback card hears everything it sends
    }

    @Override
    public NicCounters counters() {
        return new NicCounters(txFrames, txBytes, rxFrames, rxBytes, 0, txBusy, txDropsLinkDown, 0, 0,
                rxDropsNoListener, 0);
    }
}
