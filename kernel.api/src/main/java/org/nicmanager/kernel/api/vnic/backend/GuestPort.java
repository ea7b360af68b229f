package org.nicmanager.kernel.api.vnic.backend;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.annotation.versioning.ProviderType;

/** The device side of a virtual NIC, as the VMM gives it to a back end. */
@ProviderType
public interface GuestPort {

    /** The virtual NIC's name, e.g. {@code web-0}. */
    String vnic();

    String vm();

    /** The virtual NIC's MAC, as 48 bits. */
    long mac();

    /** The largest payload the emulated model takes; a frame may be this plus its Ethernet header long. */
    int mtuBytes();

    /** The world that owns the virtual NIC: rings a back end opens feed this one. */
    NetworkWorld world();

    /**
     * A frame the guest sent, on the world thread (the frame path). Ownership passes to the device, which sends it
     * through its uplink or drops it, counted with a reason (no uplink, VM suspended, refused). Nothing allocates.
     */
    void fromGuest(FrameBuffer frame);

    /**
     * The guest set its adapter's MAC (its effective MAC), as a back end that can see it reports it; on the world
     * thread. The port's security policy decides what follows (forged transmits are judged against this MAC; rejected
     * MAC changes leave the guest receiving nothing). Control path.
     */
    void guestMacChanged(long mac);

    /**
     * The guest turned promiscuous mode on or off on its adapter (as {@code ip link set DEV promisc on} or a packet
     * sniffer does), as a back end that can see it reports it; on the world thread. The port's security policy decides
     * what follows: accepted, the guest gets a copy of every frame on its uplink; rejected, each such frame is counted
     * as refused to it. Control path. The default ignores it.
     *
     * @since 1.1
     */
    default void guestPromiscuousChanged(boolean promiscuous) {
    }
}
