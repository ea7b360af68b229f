package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.frames.Arp;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.MacBytes;
import org.nicmanager.sim.api.SimulatedCard;

/**
 * The kernel's side of one card as an ARP monitor uses it, for tests: sends ARP packets from its own pool (one at a
 * time, or keeping the ring full of requests) and keeps the fields of the last ARP packet it received in plain fields,
 * so that receiving allocates nothing. Runs on the world thread.
 */
final class ArpAsker implements NicListener {

    final SimulatedCard card;
    private final FramePool pool;
    private boolean saturate;
    private int saturateTargetIp;
    /** ARP packets received, and the last one's fields. */
    long arpReceived;
    long otherReceived;
    long lastDestinationMac;
    int lastLength;
    int lastOperation;
    long lastSenderMac;
    int lastSenderIp;
    long lastTargetMac;
    int lastTargetIp;

    ArpAsker(SimulatedCard card, int poolBuffers) {
        this.card = card;
        this.pool = new FramePool(poolBuffers, FrameBuffer.MAX_FRAME_BYTES);
        card.attach(this);
    }

    /** This card's own address, as {@link Cabling#ipFor} gives traffic to it. */
    int ip() {
        return Cabling.ipFor(card.macAddress());
    }

    /** A broadcast request from this card for {@code targetIp}. */
    TransmitStatus ask(int targetIp) {
        return send(MacAddress.BROADCAST, Arp.REQUEST, card.macAddress(), ip(), 0, targetIp);
    }

    /** Any ARP packet; the buffer goes back to the pool unless the card took it. */
    TransmitStatus send(long destinationMac, int operation, long senderMac, int senderIp, long targetMac,
            int targetIp) {
        FrameBuffer frame = pool.acquire();
        if (frame == null) {
            return null;
        }
        frame.setLength(FrameWriter.arp(frame.data(), destinationMac, operation, senderMac, senderIp, targetMac,
                targetIp));
        TransmitStatus status = card.transmit(frame);
        if (status != TransmitStatus.ACCEPTED) {
            frame.release();
        }
        return status;
    }

    /** Keeps the ring full of requests for {@code targetIp}, from now on. */
    void saturate(int targetIp) {
        saturateTargetIp = targetIp;
        saturate = true;
        fill();
    }

    private void fill() {
        while (!card.transmitRingFull() && ask(saturateTargetIp) == TransmitStatus.ACCEPTED) {
            // the ring takes another
        }
    }

    @Override
    public void frameReceived(PhysicalNic nic, FrameBuffer frame) {
        byte[] data = frame.data();
        if (Arp.isIpv4OverEthernet(data, frame.length())) {
            arpReceived++;
            lastDestinationMac = MacBytes.read(data, MacBytes.DESTINATION_OFFSET);
            lastLength = frame.length();
            lastOperation = Arp.operation(data);
            lastSenderMac = Arp.senderMac(data);
            lastSenderIp = Arp.senderIp(data);
            lastTargetMac = Arp.targetMac(data);
            lastTargetIp = Arp.targetIp(data);
        } else {
            otherReceived++;
        }
        frame.release();
    }

    @Override
    public void linkStateChanged(PhysicalNic nic, LinkState state) {
    }

    @Override
    public void transmitReady(PhysicalNic nic) {
        if (saturate) {
            fill();
        }
    }
}
