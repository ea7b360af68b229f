package org.nicmanager.itests;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;

/** Test double: a NIC with no hardware behind it, registered by a test as a driver bundle would register one. */
final class FakeNic implements PhysicalNic {

    private final String name;
    private final long mac;

    FakeNic(String name, long mac) {
        this.name = name;
        this.mac = mac;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driver() {
        return "fake";
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public long speedBps() {
        return 1_000_000_000L;
    }

    @Override
    public int mtuBytes() {
        return 1500;
    }

    @Override
    public LinkState linkState() {
        return LinkState.UP;
    }

    @Override
    public TransmitStatus transmit(FrameBuffer frame) {
        return TransmitStatus.LINK_DOWN;
    }

    @Override
    public long pendingBytes() {
        return 0;
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
