package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.driver.DriverRings;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.MacBytes;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimTopics;
import org.nicmanager.sim.api.SimulatedCard;

/**
 * The hardware model of a simulated card: the {@link org.nicmanager.kernel.api.nic.PhysicalNic} its driver registers.
 * It reaches the kernel through the driver contract ({@link DriverRings}), as a driver with its own I/O threads does:
 * received frames go through a {@link ReceiveRing} into the world, and transmitted frames through a
 * {@link TransmitRing} to the card's {@link CardTransmitter}, whose completions come back in ring order. The device is
 * modelled on the world thread, so each ring is drained as it is published and virtual time stays exact.
 *
 * <p>Transmit: a ring of {@code model.txRingDescriptors()} frames serialised at {@code model.speedBps()}. A frame holds
 * its descriptor until its last bit has left. {@link NicListener#transmitReady} is edge-triggered, like a driver's
 * queue wake-up: it is called when a descriptor frees after the ring filled up or a transmit was refused as BUSY.
 *
 * <p>Receive: frames over the MTU, unicast frames for another MAC (unless promiscuous) and frames with no listener are
 * dropped and counted by the card; the rest pass through the receive ring to the listener, which then owns them.
 *
 * <p>Link state is FAILED while the hardware has failed, else UP with carrier and DOWN without. Every change reaches
 * the listener at the moment it happens; leaving UP flushes the ring, counted as {@code txDropsLinkDown}. With a
 * listener attached, each flushed frame (the one half-serialised included: its far end never got it whole) goes back
 * through {@link NicListener#transmitAborted}, oldest first and before {@code linkStateChanged}, so that a bond can
 * resend it on another member. Every other accepted frame is reported by {@link NicListener#transmitCompleted} as its
 * last bit leaves.
 */
final class SimCard implements SimulatedCard, CableEnd {

    private final String name;
    private final NicModel model;
    private final long mac;
    private final String attachment;
    private final SimEvents events;
    private final CardTransmitter transmitter;
    private final TransmitRing ring;
    private final ReceiveRing received;
    private Cable.Direction outbound;
    private final Timer hardwareRepair;
    private final Timer ringRepair;
    private Cable cable;
    private SwitchPort port;
    private NicListener listener;
    private boolean promiscuous;
    private boolean carrierUp;
    private boolean hardwareFailed;
    private boolean ringFailed;
    /** The ring filled or refused a frame since the listener was last told that space freed. */
    private boolean wakeOnSpace;
    private LinkState state = LinkState.DOWN;
    private final CardCounters counters = new CardCounters();

    SimCard(KernelScheduler scheduler, DriverLink driver, SimEvents events, String name, NicModel model, long mac,
            String attachment) {
        this.name = name;
        this.model = model;
        this.mac = mac;
        this.attachment = attachment;
        this.events = events;
        this.transmitter = new CardTransmitter(scheduler, "card " + name + " tx", model.speedBps());
        this.ring = driver.rings().openTransmit(driver.world(), "card " + name + " tx",
                ringSlots(model.txRingDescriptors()), new TransmitHandler() {
                    @Override
                    public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
                        SimCard.this.transmitDone(frame, outcome);
                    }

                    @Override
                    public void framesWaiting() {
                        transmitter.framesWaiting();
                    }
                });
        this.transmitter.attach(ring);
        this.received = driver.rings().openReceive(driver.world(), "card " + name + " rx",
                ringSlots(model.rxRingDescriptors()), this::frameArrived);
        this.hardwareRepair = scheduler.newTimer("card " + name + " hardware repair", () -> repair(Fault.HARDWARE));
        this.ringRepair = scheduler.newTimer("card " + name + " ring repair", () -> repair(Fault.RING));
    }

    /** Driver rings are powers of two; the card itself enforces its exact descriptor count. */
    private static int ringSlots(int descriptors) {
        return Math.max(DriverRings.MIN_SLOTS, Integer.highestOneBit(Math.max(1, descriptors - 1) << 1));
    }

    // --- PhysicalNic ---------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driver() {
        return model.driver();
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public long speedBps() {
        return model.speedBps();
    }

    @Override
    public int mtuBytes() {
        return model.mtuBytes();
    }

    @Override
    public LinkState linkState() {
        return state;
    }

    @Override
    public TransmitStatus transmit(FrameBuffer frame) {
        if (state != LinkState.UP) {
            counters.txDropsLinkDown++;
            return TransmitStatus.LINK_DOWN;
        }
        if (frame.length() > MtuCheck.maxFrameBytes(model.mtuBytes(), frame.data(), frame.length())) {
            counters.txDropsTooLong++;
            return TransmitStatus.TOO_LONG;
        }
        if (ringFailed || ringFull() || !ring.offer(frame)) {
            counters.txBusy++;
            wakeOnSpace = true;
            return TransmitStatus.BUSY;
        }
        if (ringFull()) {
            wakeOnSpace = true;
        }
        return TransmitStatus.ACCEPTED;
    }

    @Override
    public long pendingBytes() {
        return ring.pendingBytes();
    }

    @Override
    public int pendingFrames() {
        return ring.pendingFrames();
    }

    @Override
    public boolean transmitRingFull() {
        return ringFailed || ringFull();
    }

    /** Every descriptor of the model holds a frame not yet completed. */
    private boolean ringFull() {
        return ring.pendingFrames() >= model.txRingDescriptors();
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
        return counters.snapshot();
    }

    @Override
    public NicModel model() {
        return model;
    }

    @Override
    public String attachment() {
        return attachment;
    }

    // --- the cable -----------------------------------------------------------------------------------------------

    @Override
    public void connect(Cable cable, Cable.Direction outbound) {
        this.cable = cable;
        this.outbound = outbound;
    }

    Cable cable() {
        return cable;
    }

    /** The switch port at the other end of the cable. */
    SwitchPort port() {
        return port;
    }

    void setPort(SwitchPort port) {
        this.port = port;
    }

    @Override
    public boolean operational() {
        return !hardwareFailed;
    }

    @Override
    public void carrierChanged(boolean up) {
        carrierUp = up;
        refreshState();
    }

    @Override
    public void receive(FrameBuffer frame) {
        byte[] data = frame.data();
        int length = frame.length();
        if (length > MtuCheck.maxFrameBytes(model.mtuBytes(), data, length)) {
            counters.rxDropsTooLong++;
            frame.release();
            return;
        }
        if (!promiscuous && length >= 6) {
            long destination = MacBytes.read(data, 0);
            if (destination != mac && !MacAddress.isMulticast(destination)) {
                counters.rxDropsNotForUs++;
                frame.release();
                return;
            }
        }
        if (!received.offer(frame)) {
            frame.release(); // counted by the ring; cannot happen while the world drains at each publish
            return;
        }
        received.publish();
    }

    /** The world's side of the receive ring. */
    private void frameArrived(FrameBuffer frame) {
        NicListener receiver = listener;
        if (receiver == null) {
            counters.rxDropsNoListener++;
            frame.release();
            return;
        }
        counters.rxFrames++;
        counters.rxBytes += frame.length();
        receiver.frameReceived(this, frame);
    }

    /**
     * The world's side of the transmit ring, told of each completion in ring order. A frame that left is reported to
     * the listener (its sender, say) while still readable and then carried by the cable: in the simulation the buffer
     * itself travels to the far end. An aborted frame goes back to the listener, which may resend it elsewhere.
     */
    private void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
        NicListener receiver = listener;
        if (outcome == TransmitOutcome.ABORTED) {
            counters.txDropsLinkDown++; // a failure, not a frame
            if (receiver == null) {
                frame.release();
            } else {
                receiver.transmitAborted(this, frame);
            }
            return;
        }
        int lengthBytes = frame.length();
        if (receiver != null) {
            receiver.transmitCompleted(this, frame); // before the cable: the far end may release the buffer at once
        }
        outbound.carry(frame);
        frameSent(lengthBytes);
    }

    private void frameSent(int lengthBytes) {
        counters.txFrames++;
        counters.txBytes += lengthBytes;
        if (wakeOnSpace && !ringFailed && listener != null) {
            wakeOnSpace = false;
            listener.transmitReady(this);
        }
    }

    private void refreshState() {
        LinkState next = hardwareFailed ? LinkState.FAILED : carrierUp ? LinkState.UP : LinkState.DOWN;
        if (next != LinkState.UP) {
            transmitter.abortAll(); // each frame comes back through transmitDone, oldest first
        }
        if (next != state) {
            state = next;
            if (listener != null) {
                listener.linkStateChanged(this, next);
            }
        }
    }

    // --- faults --------------------------------------------------------------------------------------------------

    /** Injects a fault for {@code forNanos} (0: until repaired); failing again restarts the period. */
    void fail(Fault fault, long forNanos) {
        counters.hardwareErrors++;
        if (fault == Fault.HARDWARE) {
            hardwareFailed = true;
            armRepair(hardwareRepair, forNanos);
            if (cable != null) {
                cable.updateCarrier();
            }
            refreshState();
        } else {
            ringFailed = true;
            armRepair(ringRepair, forNanos);
        }
        events.post(SimTopics.FAILED, name, fault.name());
    }

    private static void armRepair(Timer repair, long forNanos) {
        if (forNanos > 0) {
            repair.armAfter(forNanos);
        } else {
            repair.cancel();
        }
    }

    /** Clears one fault; returns false when the card did not have it. */
    boolean repair(Fault fault) {
        if (fault == Fault.HARDWARE) {
            if (!hardwareFailed) {
                return false;
            }
            hardwareFailed = false;
            hardwareRepair.cancel();
            if (cable != null) {
                cable.updateCarrier();
            }
            refreshState();
        } else {
            if (!ringFailed) {
                return false;
            }
            ringFailed = false;
            ringRepair.cancel();
            if (state == LinkState.UP && listener != null) {
                wakeOnSpace = false;
                listener.transmitReady(this);
            }
        }
        events.post(SimTopics.REPAIRED, name, fault.name());
        return true;
    }

    /** Unplugs for good (the card is being destroyed): the ring is flushed and counted, faults are forgotten. */
    void disconnect() {
        hardwareRepair.cancel();
        ringRepair.cancel();
        if (cable != null) {
            cable.unplug();
        }
        cable = null;
        carrierUp = false;
        refreshState();
        received.close();
        ring.close();
    }

    @Override
    public String toString() {
        return "SimCard[" + name + " " + model.name() + " " + MacAddress.format(mac) + " " + state + "]";
    }
}
