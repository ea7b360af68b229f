package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;

/**
 * One switch port with a device cabled to it: a bounded egress FIFO serialised at the attached link's speed, and the
 * port's counters. Every frame the switch hands it is sent, queued, or dropped with a counted reason.
 */
final class SwitchPort implements CableEnd {

    private final SimSwitch owner;
    private final int number;
    private final String device;
    private final Transmitter egress;
    private Cable cable;
    private boolean up;
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
        if (!up) {
            dropsLinkDown++;
            frame.release();
        } else if (!egress.offer(frame)) {
            dropsQueueFull++;
            frame.release();
        }
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
            owner.portWentDown(this);
        }
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
