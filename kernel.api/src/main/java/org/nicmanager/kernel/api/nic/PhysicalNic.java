package org.nicmanager.kernel.api.nic;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A physical NIC, implemented by a driver bundle and registered as a service (whiteboard). All methods are called on
 * the network world's thread. A driver whose device has I/O threads of its own keeps them away from this object: they
 * exchange frames with the world through the rings of {@link org.nicmanager.kernel.api.driver.DriverRings}, and
 * {@link #transmit} offers to the NIC's transmit ring.
 */
@ConsumerType
public interface PhysicalNic {

    /** Service property: the NIC's name, unique on the host. */
    String NAME_PROPERTY = "nic.name";

    /** Service property: the driver's name, e.g. {@code e1000sim}. */
    String DRIVER_PROPERTY = "nic.driver";

    String name();

    String driver();

    /** Burned-in MAC, low 48 bits. */
    long macAddress();

    long speedBps();

    int mtuBytes();

    LinkState linkState();

    /** Queues a frame on the transmit ring. Ownership passes to the driver only when the answer is ACCEPTED. */
    TransmitStatus transmit(FrameBuffer frame);

    /** Bytes queued on the transmit ring and not yet on the wire (for least-loaded distribution). */
    long pendingBytes();

    int pendingFrames();

    /** True while the transmit ring has no free descriptor: the NIC is BUSY for the operator. */
    boolean transmitRingFull();

    /** Connects the kernel; a NIC has one listener at a time. {@code null} detaches. */
    void attach(NicListener listener);

    void setPromiscuous(boolean promiscuous);

    NicCounters counters();

    /**
     * True when the NIC finishes what a frame's {@link FrameBuffer#offload()} leaves to do (completes its checksum,
     * cuts a super-frame into segments), as a Linux interface does through a packet socket's virtio header. Otherwise
     * the bond settles the frame before handing it over, and a super-frame is refused as too long. Default: false.
     *
     * @since 1.2
     */
    default boolean takesOffloadedFrames() {
        return false;
    }
}
