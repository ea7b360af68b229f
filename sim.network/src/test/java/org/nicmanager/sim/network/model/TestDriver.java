package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.sim.api.SimulatedCard;

/**
 * The kernel's side of one card, for tests: sends stamped UDP frames from its own pool, can keep the transmit ring
 * full by refilling it on every {@code transmitReady}, and records what the card reports. Runs on the world thread.
 */
final class TestDriver implements NicListener {

    final SimulatedCard card;
    final List<LinkState> linkChanges = new ArrayList<>();
    private final FramePool pool;
    private long destinationMac;
    private int frameBytes;
    private boolean saturate;
    private long nextSequence;
    private final HeaderParser headers = new HeaderParser();
    long received;
    long synReceived;
    long transmitReadyCalls;

    TestDriver(SimulatedCard card, int poolBuffers) {
        this.card = card;
        this.pool = new FramePool(poolBuffers, FrameBuffer.MAX_FRAME_BYTES);
        card.attach(this);
    }

    /** Keeps the ring full of {@code frameBytes} frames to {@code destinationMac}, from now on. */
    void saturate(long destinationMac, int frameBytes) {
        this.destinationMac = destinationMac;
        this.frameBytes = frameBytes;
        this.saturate = true;
        fill();
    }

    private void fill() {
        while (!card.transmitRingFull()) {
            if (send(destinationMac, frameBytes, 0, nextSequence) != TransmitStatus.ACCEPTED) {
                return;
            }
            nextSequence++;
        }
    }

    /**
     * Builds and transmits one stamped frame; the buffer goes back to the pool unless the card took it. Returns
     * {@code null} when the driver's own pool is empty (its frames are all still in the network).
     */
    TransmitStatus send(long destination, int bytes, int flowId, long sequence) {
        FrameBuffer frame = pool.acquire();
        if (frame == null) {
            return null;
        }
        frame.setLength(FrameWriter.udpFrame(frame.data(), bytes, destination, card.macAddress(), 0x0A0000FE,
                0x0A000001, 4000 + flowId, 9, flowId, sequence));
        TransmitStatus status = card.transmit(frame);
        if (status != TransmitStatus.ACCEPTED) {
            frame.release();
        }
        return status;
    }

    @Override
    public void frameReceived(PhysicalNic nic, FrameBuffer frame) {
        received++;
        if (headers.parse(frame) == FrameVerdict.OK && headers.isTcpSyn()) {
            synReceived++;
        }
        frame.release();
    }

    @Override
    public void linkStateChanged(PhysicalNic nic, LinkState state) {
        linkChanges.add(state);
    }

    @Override
    public void transmitReady(PhysicalNic nic) {
        transmitReadyCalls++;
        if (saturate) {
            fill();
        }
    }
}
