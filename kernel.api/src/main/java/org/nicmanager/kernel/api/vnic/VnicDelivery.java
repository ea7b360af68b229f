package org.nicmanager.kernel.api.vnic;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** Where the NIC manager delivers a frame routed to a virtual NIC by destination MAC (patent [0057], [0063]). */
@ConsumerType
public interface VnicDelivery {

    /** Ownership of {@code frame} passes to the virtual NIC. */
    void deliver(FrameBuffer frame);

    /**
     * A frame this virtual NIC sent was dropped after the uplink took it: in the bond, refused by a NIC (e.g. longer
     * than every member's MTU), or left behind by a pulled cable, so the virtual NIC's figures show every drop of its
     * frames by reason. Called on the frame path: count and return. The default ignores it.
     */
    default void transmitDropped(DropReason reason) {
    }
}
