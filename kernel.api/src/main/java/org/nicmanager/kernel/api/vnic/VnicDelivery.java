package org.nicmanager.kernel.api.vnic;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.osgi.annotation.versioning.ConsumerType;

/** Where the NIC manager delivers a frame routed to a virtual NIC by destination MAC (patent [0057], [0063]). */
@ConsumerType
public interface VnicDelivery {

    /** Ownership of {@code frame} passes to the virtual NIC. */
    void deliver(FrameBuffer frame);

    /**
     * As {@link #deliver(FrameBuffer)}, with the headers the NIC manager parsed from the frame to route it, so that the
     * virtual NIC's receive path (its DoS taps) need not parse them again: a frame is parsed once per host pass. The
     * headers are valid during this call only; for a copy of a group frame they are the original's, which has the same
     * bytes. Frame path: no allocation. The default ignores them.
     *
     * @since 1.2
     */
    default void deliver(FrameHeaders headers, FrameBuffer frame) {
        deliver(frame);
    }

    /**
     * A frame this virtual NIC sent was dropped after the uplink took it: in the bond, refused by a NIC (e.g. longer
     * than every member's MTU), or left behind by a pulled cable, so the virtual NIC's figures show every drop of its
     * frames by reason. Called on the frame path: count and return. The default ignores it.
     */
    default void transmitDropped(DropReason reason) {
    }

    /**
     * A frame for this virtual NIC was dropped before it reached it, by its own port's security policy (a guest whose
     * MAC change was refused receives nothing: {@link DropReason#MAC_CHANGE_REFUSED}). Called on the frame path: count
     * and return. The default ignores it.
     *
     * @since 1.3
     */
    default void receiveDropped(DropReason reason) {
    }
}
