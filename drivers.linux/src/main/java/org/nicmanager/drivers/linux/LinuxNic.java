package org.nicmanager.drivers.linux;

import java.nio.ByteBuffer;

import org.nicmanager.drivers.linux.io.DriverDrops;
import org.nicmanager.drivers.linux.io.NicIo;
import org.nicmanager.drivers.linux.nativeio.InterfaceFacts;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.RingCounters;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.LineRate;

/**
 * A real Linux interface as a physical NIC: the world's side of the driver (DESIGN.md section 3a). Every method runs
 * on the world thread; the NIC's {@link NicIo} threads reach it only through the driver rings. Frames the I/O threads
 * receive arrive through the receive ring and go to the listener, unless they are unicast for another MAC while the
 * NIC is not promiscuous (the socket always hears everything; the filter is the card's, as on a simulated card).
 * Transmitted frames go through the transmit ring, and their completions come back in ring order.
 *
 * <p>Unlike a card modelled on the world thread, the frames still queued when the carrier goes come back through
 * {@link NicListener#transmitAborted} just <em>after</em> {@link NicListener#linkStateChanged}: only the transmit
 * thread may take them from the ring, and it learns of the change from the world.
 *
 * <p>With a declared line rate ({@link LinePacer}) the NIC answers BUSY while the rate is used up, as a card whose ring
 * is full does, and tells the listener when it may send again; its speed is then the declared one.
 */
public final class LinuxNic implements PhysicalNic {

    public static final String DRIVER_NAME = "linux";
    static final int RECEIVE_SLOTS = 1024;
    static final int TRANSMIT_SLOTS = 256;
    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final int VLAN_TAG_BYTES = 4;

    private final String name;
    private final InterfaceFacts facts;
    private final String offloads;
    private final PacketSocket socket;
    private final TransmitRing transmitRing;
    private final ReceiveRing receiveRing;
    private final NicIo io;
    private final KernelScheduler clock;
    /** The declared line rate; null when the NIC sends as fast as the interface takes frames. */
    private final LinePacer pacer;
    private final Timer paceTimer;
    private NicListener listener;
    private boolean promiscuous;
    private LinkState state;
    /** A transmit was refused as BUSY since the listener was last told that space freed. */
    private boolean wakeOnSpace;
    private long txFrames;
    private long txBytes;
    private long rxFrames;
    private long rxBytes;
    private long txDropsTooLong;
    private long txBusy;
    private long txPaced;
    private long txDropsLinkDown;
    private long rxDropsNotForUs;
    private long rxDropsNoListener;

    /**
     * Opens the NIC's rings on {@code world} and its I/O threads over {@code socket}, not yet started. Call on the
     * world's thread.
     *
     * @param offloads what was done to the interface's offloads, for {@code linux:list}
     * @param lineRateBps the line rate the operator declared, or 0 for none
     */
    public LinuxNic(DriverRings rings, NetworkWorld world, KernelScheduler clock, String name, InterfaceFacts facts,
            PacketSocket socket, String offloads, long lineRateBps) {
        this.name = name;
        this.clock = clock;
        this.pacer = lineRateBps > 0 ? new LinePacer(lineRateBps) : null;
        this.paceTimer = pacer == null ? null : clock.newTimer("linux " + name + " line rate", this::rateAvailable);
        this.facts = facts;
        this.offloads = offloads;
        this.socket = socket;
        this.state = facts.carrier() ? LinkState.UP : LinkState.DOWN;
        int maxFrameBytes = Math.min(FrameBuffer.MAX_FRAME_BYTES, maxFrameBytes(facts.mtuBytes()));
        this.transmitRing = rings.openTransmit(world, "linux " + name + " tx", TRANSMIT_SLOTS, new TransmitHandler() {
            @Override
            public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
                completed(frame, outcome);
            }

            @Override
            public void framesWaiting() {
                LinuxNic.this.io.framesWaiting();
            }
        });
        this.receiveRing = rings.openReceive(world, "linux " + name + " rx", RECEIVE_SLOTS, this::frameArrived);
        this.io = new NicIo(name, socket, receiveRing, transmitRing,
                rings.newSupply("linux " + name + " rx", 2 * RECEIVE_SLOTS, maxFrameBytes, FrameMemory.HEAP),
                NicIo.superFrameSupply(rings, "linux " + name + " rx", socket), maxFrameBytes, facts.carrier());
    }

    /** The longest frame of an MTU: header, payload and two VLAN tags. */
    public static int maxFrameBytes(int mtuBytes) {
        return mtuBytes + ETHERNET_HEADER_BYTES + 2 * VLAN_TAG_BYTES;
    }

    /** Starts the I/O threads; any thread. */
    void startIo() {
        io.start();
    }

    /** Stops the I/O threads; any thread but the world's own is best, since it waits for them. */
    void stopIo() {
        io.stop();
    }

    /** On the world thread, after {@link #stopIo()}: frames not yet sent come back as aborted. */
    void closeRings() {
        if (paceTimer != null) {
            paceTimer.cancel();
        }
        transmitRing.close();
        receiveRing.close();
        io.close();
    }

    /** The carrier changed (an rtnetlink notification); on the world thread. */
    void carrierChanged(boolean carrier) {
        LinkState next = carrier ? LinkState.UP : LinkState.DOWN;
        if (next != state) {
            state = next;
            // Frames still queued come back aborted from the transmit thread, just after this change is told.
            io.carrierChanged(carrier);
            if (listener != null) {
                listener.linkStateChanged(this, next);
            }
        }
    }

    public InterfaceFacts facts() {
        return facts;
    }

    public String offloads() {
        return offloads;
    }

    /** Frames the kernel dropped because the receive ring had no free slot. Control path (a system call). */
    public long kernelDrops() {
        return socket.kernelDrops();
    }

    /** Doorbells the world answered by transmitting itself, not by waking the transmit thread; world thread. */
    public long worldTransmits() {
        return io.worldTransmits();
    }

    public DriverDrops drops() {
        return io.drops();
    }

    public RingCounters receiveRingCounters() {
        return receiveRing.counters();
    }

    public RingCounters transmitRingCounters() {
        return transmitRing.counters();
    }

    // --- the world's side of the rings ----------------------------------------------------------------------------

    private void frameArrived(FrameBuffer frame) {
        if (!promiscuous && !forUs(frame.memory())) {
            rxDropsNotForUs++;
            frame.release();
            return;
        }
        if (listener == null) {
            rxDropsNoListener++;
            frame.release();
            return;
        }
        rxFrames++;
        rxBytes += frame.length();
        listener.frameReceived(this, frame);
    }

    private boolean forUs(ByteBuffer memory) {
        long destination = ((long) memory.getShort(0) & 0xffff) << 32 | (memory.getInt(2) & 0xffff_ffffL);
        return destination == facts.mac() || MacAddress.isMulticast(destination);
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

    // --- PhysicalNic ----------------------------------------------------------------------------------------------

    @Override
    public TransmitStatus transmit(FrameBuffer frame) {
        if (state != LinkState.UP) {
            txDropsLinkDown++;
            return TransmitStatus.LINK_DOWN;
        }
        if (frame.length() > allowedLength(frame.memory(), frame.length())
                && !frame.offload().segmentsFit(maxFrameBytes(facts.mtuBytes()))) {
            txDropsTooLong++;
            return TransmitStatus.TOO_LONG;
        }
        long now = pacer == null ? 0 : clock.nanoTime();
        if (pacer != null && !pacer.mayTransmit(now)) {
            txPaced++;
            wakeOnSpace = true;
            if (!paceTimer.armed()) {
                paceTimer.armAt(pacer.nextTransmitNanos());
            }
            return TransmitStatus.BUSY;
        }
        if (!transmitRing.offer(frame)) {
            txBusy++;
            wakeOnSpace = true;
            return TransmitStatus.BUSY;
        }
        if (pacer != null) {
            pacer.transmitted(LineRate.carriedLength(frame), now);
        }
        return TransmitStatus.ACCEPTED;
    }

    /** The declared line rate allows another frame: the listener, refused one, may send again. */
    private void rateAvailable() {
        if (wakeOnSpace && listener != null) {
            wakeOnSpace = false;
            listener.transmitReady(this);
        }
    }

    /** Frames with offloads go out through the packet socket's offload side, which the kernel finishes. */
    @Override
    public boolean takesOffloadedFrames() {
        return socket.takesOffloadedFrames();
    }

    /** The MTU plus the Ethernet header, plus 4 bytes for each VLAN tag the frame carries (up to two). */
    private int allowedLength(ByteBuffer memory, int length) {
        int allowed = facts.mtuBytes() + ETHERNET_HEADER_BYTES;
        for (int at = 12; at + 2 <= length && allowed < maxFrameBytes(facts.mtuBytes()); at += VLAN_TAG_BYTES) {
            int etherType = memory.getShort(at) & 0xffff;
            if (etherType != 0x8100 && etherType != 0x88a8) {
                break;
            }
            allowed += VLAN_TAG_BYTES;
        }
        return allowed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driver() {
        return DRIVER_NAME;
    }

    @Override
    public long macAddress() {
        return facts.mac();
    }

    /** The declared line rate when there is one, else what the kernel reports. */
    @Override
    public long speedBps() {
        return pacer != null ? pacer.rateBps() : facts.speedBps();
    }

    /** True when the operator declared the NIC's line rate. */
    public boolean paced() {
        return pacer != null;
    }

    /** Frames refused BUSY because the declared line rate was used up. */
    public long pacedRefusals() {
        return txPaced;
    }

    @Override
    public int mtuBytes() {
        return facts.mtuBytes();
    }

    @Override
    public LinkState linkState() {
        return state;
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
        this.promiscuous = promiscuous;
    }

    @Override
    public NicCounters counters() {
        DriverDrops drops = io.drops();
        return new NicCounters(txFrames, txBytes, rxFrames, rxBytes, txDropsTooLong, txBusy + txPaced, txDropsLinkDown,
                drops.receivedTooLong(), rxDropsNotForUs, rxDropsNoListener, drops.socketErrors());
    }

    @Override
    public String toString() {
        return "LinuxNic[" + name + " on " + facts.name() + " " + MacAddress.format(facts.mac()) + " " + state + "]";
    }
}
