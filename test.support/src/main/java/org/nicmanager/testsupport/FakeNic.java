package org.nicmanager.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;

/**
 * Test double of a driver's NIC, with no hardware behind it. While its link is up it puts every frame on the wire at
 * once (it counts and releases it); otherwise it refuses {@link TransmitStatus#LINK_DOWN}, as a driver does. The test
 * holds the other side:
 * <ul>
 * <li>{@link #deliver} hands a received frame to the attached listener;</li>
 * <li>{@link #changeLinkState} changes the carrier and tells the listener, {@link #setLinkStateSilently} changes it as
 * a driver that lost an interrupt would;</li>
 * <li>{@link #recordSentFrames} keeps a copy of every frame sent, {@link #answerTransmitWith} refuses them all;</li>
 * <li>{@link #reportTransmitted} sets what its counters say it has sent.</li>
 * </ul>
 * Like a driver's NIC it is used on the world's thread only. Its transmit path allocates nothing unless frames are
 * recorded, so benchmarks use it too.
 */
public class FakeNic implements PhysicalNic {

    private final String name;
    private final long mac;
    private String driver = "fake";
    private long speedBps = 1_000_000_000L;
    private int mtuBytes = 1500;
    private LinkState state = LinkState.UP;
    private TransmitStatus forcedAnswer;
    private boolean varyPendingBytes;
    private List<byte[]> recorded;
    private NicListener listener;
    private boolean promiscuous;
    private boolean takesOffloads;
    private long transmitted;
    private NicCounters counters = NicCounters.ZERO;

    /** An up 1 Gb/s NIC with a 1,500-byte MTU; {@code mac} is the burned-in address, low 48 bits. */
    public FakeNic(String name, long mac) {
        this.name = name;
        this.mac = mac;
    }

    /** The driver's name the NIC gives ({@code fake} by default). */
    public FakeNic withDriver(String driverName) {
        driver = driverName;
        return this;
    }

    /** The link's speed and MTU, e.g. a 10 Gb/s NIC with jumbo frames. */
    public FakeNic withLink(long bitsPerSecond, int mtu) {
        speedBps = bitsPerSecond;
        mtuBytes = mtu;
        return this;
    }

    /** Every transmit gets this answer and the frame stays the caller's (e.g. BUSY, or LINK_DOWN while "up"). */
    /** The NIC finishes offloaded frames (checksums, super-frames), as a Linux NIC with a virtio header does. */
    public FakeNic takingOffloadedFrames() {
        takesOffloads = true;
        return this;
    }

    @Override
    public boolean takesOffloadedFrames() {
        return takesOffloads;
    }

    public FakeNic answerTransmitWith(TransmitStatus answer) {
        forcedAnswer = answer;
        return this;
    }

    /** {@link #pendingBytes} changes with every frame sent, for least-loaded choices to read. */
    public FakeNic varyPendingBytesWithEachFrame() {
        varyPendingBytes = true;
        return this;
    }

    /** Keeps a copy of every frame sent from now on, in order ({@link #sentFrames}). */
    public FakeNic recordSentFrames() {
        recorded = new ArrayList<>();
        return this;
    }

    /** The frames sent since {@link #recordSentFrames}, oldest first. */
    public List<byte[]> sentFrames() {
        if (recorded == null) {
            throw new IllegalStateException(name + " does not record its frames: call recordSentFrames() first");
        }
        return recorded;
    }

    /** How many frames the NIC has taken. */
    public long transmitted() {
        return transmitted;
    }

    /**
     * From now on its counters say it has sent {@code frames} frames of {@code bytes} bytes in all, as a driver's
     * counters would after a load the test stands for; the transmit path does not count into them.
     */
    public void reportTransmitted(long frames, long bytes) {
        counters = new NicCounters(frames, bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The listener attached now, or null. */
    public NicListener listener() {
        return listener;
    }

    public boolean promiscuous() {
        return promiscuous;
    }

    /** Hands {@code frame} to the attached listener as received; with no listener the frame is released. */
    public void deliver(FrameBuffer frame) {
        if (listener == null) {
            frame.release();
            return;
        }
        listener.frameReceived(this, frame);
    }

    /** The carrier changes now, and the driver says so to the listener. */
    public void changeLinkState(LinkState newState) {
        state = newState;
        if (listener != null) {
            listener.linkStateChanged(this, newState);
        }
    }

    /** The carrier changes and nobody is told, as when a driver misses a link interrupt. */
    public void setLinkStateSilently(LinkState newState) {
        state = newState;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String driver() {
        return driver;
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public long speedBps() {
        return speedBps;
    }

    @Override
    public int mtuBytes() {
        return mtuBytes;
    }

    @Override
    public LinkState linkState() {
        return state;
    }

    @Override
    public TransmitStatus transmit(FrameBuffer frame) {
        if (forcedAnswer != null && forcedAnswer != TransmitStatus.ACCEPTED) {
            return forcedAnswer;
        }
        if (state != LinkState.UP) {
            return TransmitStatus.LINK_DOWN;
        }
        transmitted++;
        if (recorded != null) {
            byte[] copy = new byte[frame.length()];
            if (frame.hasArray()) {
                System.arraycopy(frame.data(), 0, copy, 0, copy.length);
            } else {
                frame.memory().get(0, copy);
            }
            recorded.add(copy);
        }
        frame.release();
        return TransmitStatus.ACCEPTED;
    }

    @Override
    public long pendingBytes() {
        return varyPendingBytes ? transmitted & 0xFFF : 0;
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
    public void attach(NicListener attached) {
        listener = attached;
    }

    @Override
    public void setPromiscuous(boolean on) {
        promiscuous = on;
    }

    @Override
    public NicCounters counters() {
        return counters;
    }

    @Override
    public String toString() {
        return name;
    }
}
