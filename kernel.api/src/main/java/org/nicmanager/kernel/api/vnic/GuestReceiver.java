package org.nicmanager.kernel.api.vnic;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** The guest's side of a virtual NIC: its driver, called when a receive interrupt is serviced. */
@ConsumerType
public interface GuestReceiver {

    /** A received frame; ownership passes to the guest, which releases it when done. */
    void received(FrameBuffer frame);

    /**
     * True when the guest takes frames whose offloads are not settled ({@link FrameBuffer#offload()}): a pending
     * checksum, a super-frame. Otherwise the device settles them first, and refuses super-frames. Default: false.
     *
     * @since 1.4
     */
    default boolean takesOffloadedFrames() {
        return false;
    }
}
