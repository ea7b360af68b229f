package org.nicmanager.bench;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;

/**
 * Test double of a 10 Gb/s NIC that is always up and whose ring is always free: by default it puts every frame on the
 * wire at once and ignores its listener, so that benchmarks measure the NIC manager's work alone.
 */
class TestDoubleNic implements PhysicalNic {

    private final String name;
    private long sent;

    TestDoubleNic(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driver() {
        return "bench";
    }

    @Override
    public long macAddress() {
        return 0x02_00_00_00_F0_00L;
    }

    @Override
    public long speedBps() {
        return 10_000_000_000L;
    }

    @Override
    public int mtuBytes() {
        return 9000;
    }

    @Override
    public LinkState linkState() {
        return LinkState.UP;
    }

    @Override
    public TransmitStatus transmit(FrameBuffer frame) {
        sent++;
        frame.release();
        return TransmitStatus.ACCEPTED;
    }

    /** A load that changes with every frame, for least-loaded choices to read. */
    @Override
    public long pendingBytes() {
        return sent & 0xFFF;
    }

    @Override
    public int pendingFrames() {
        return 0;
    }

    @Override
    public boolean transmitRingFull() {
        return false;
    }

    @Override
    public void attach(NicListener listener) {
    }

    @Override
    public void setPromiscuous(boolean promiscuous) {
    }

    @Override
    public NicCounters counters() {
        return NicCounters.ZERO;
    }
}
