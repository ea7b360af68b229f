package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.lacp.LacpPort;

/**
 * One switch port with a device cabled to it: a bounded egress FIFO serialised at the attached link's speed, and the
 * port's counters. Every frame the switch hands it is sent, queued, or dropped with a counted reason.
 *
 * <p>A port in a link aggregation group (static, or formed by LACP) is one member of a logical port: the switch learns
 * MACs on {@link #logical}, receives only while the port is {@link #collecting} and sends on it only while it is
 * {@link #distributing} (IEEE 802.1AX-2014 6.2.3-6.2.4). A port on its own is its own logical port and does both.
 */
final class SwitchPort implements CableEnd {

    private final SimSwitch owner;
    private final int number;
    private final String device;
    private final Transmitter egress;
    private Cable cable;
    private boolean up;
    /** The port number MACs are learned on: this port's own, or its aggregator's. */
    int logical;
    boolean collecting = true;
    boolean distributing = true;
    /** The aggregator this port belongs to, or null for a port on its own. */
    Aggregator aggregator;
    /** This port's LACP machines when its switch speaks LACP, else null. */
    LacpPort lacp;
    long dropsNotCollecting;
    long lacpdusMalformed;
    /** Fault injection: this port's LACP sends nothing while the carrier stays up. */
    boolean lacpSilent;
    long lacpdusSilenced;
    long rxFrames;
    long rxBytes;
    long txFrames;
    long txBytes;
    long dropsQueueFull;
    long dropsLinkDown;
    long dropsNoBuffer;
    long dropsFiltered;

    SwitchPort(KernelScheduler scheduler, SimSwitch owner, int number, String device, long speedBps,
            int egressQueueFrames) {
        this.owner = owner;
        this.number = number;
        this.logical = number;
        this.device = device;
        this.egress = new Transmitter(scheduler, "switch " + owner.name() + "/" + number + " egress", speedBps,
                egressQueueFrames, this::frameSent);
    }

    int number() {
        return number;
    }

    String device() {
        return device;
    }

    SimSwitch owner() {
        return owner;
    }

    Cable cable() {
        return cable;
    }

    boolean up() {
        return up;
    }

    int queuedFrames() {
        return egress.queuedFrames();
    }

    /** Sends a frame out of this port; it is queued or dropped and counted, never lost silently. */
    void forward(FrameBuffer frame) {
        send(frame);
    }

    /** {@link #forward}, telling whether the frame was queued (else it was dropped, counted and released). */
    boolean send(FrameBuffer frame) {
        if (!up) {
            dropsLinkDown++;
            frame.release();
            return false;
        }
        if (!egress.offer(frame)) {
            dropsQueueFull++;
            frame.release();
            return false;
        }
        return true;
    }

    /** Sends a control frame (an LACPDU) ahead of the queued frames; false when it was dropped (and released). */
    boolean sendControl(FrameBuffer frame) {
        if (!up || !egress.offerControl(frame)) {
            frame.release(); // the machines send another at the next period
            return false;
        }
        return true;
    }

    /** True when this port is one of an aggregator's links rather than a port on its own. */
    boolean aggregated() {
        return aggregator != null;
    }

    long speedBps() {
        return egress.speedBps();
    }

    @Override
    public void connect(Cable cable, Cable.Direction outbound) {
        this.cable = cable;
        egress.connect(outbound);
    }

    @Override
    public void receive(FrameBuffer frame) {
        rxFrames++;
        rxBytes += frame.length();
        owner.switchFrame(this, frame);
    }

    @Override
    public void carrierChanged(boolean carrier) {
        up = carrier;
        if (!carrier) {
            dropsLinkDown += egress.flush();
        }
        owner.portLinkChanged(this, carrier);
    }

    private void frameSent(int lengthBytes) {
        txFrames++;
        txBytes += lengthBytes;
    }

    @Override
    public String toString() {
        return "SwitchPort[" + owner.name() + "/" + number + " " + device + (up ? " up" : " down") + "]";
    }
}
