package org.nicmanager.kernel.api.vnic;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** Where the NIC manager delivers a frame routed to a virtual NIC by destination MAC (patent [0057], [0063]). */
@ConsumerType
public interface VnicDelivery {

    /** Ownership of {@code frame} passes to the virtual NIC. */
    void deliver(FrameBuffer frame);
}
