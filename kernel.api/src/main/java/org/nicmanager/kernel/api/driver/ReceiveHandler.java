package org.nicmanager.kernel.api.driver;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** The world's side of a {@link ReceiveRing}, written by the driver: it is where a received frame meets the kernel. */
@ConsumerType
@FunctionalInterface
public interface ReceiveHandler {

    /**
     * A frame from the ring, in ring order, on the world thread. Ownership passes to the handler, which typically
     * counts it and gives it to the NIC's {@link org.nicmanager.kernel.api.nic.NicListener}.
     */
    void frameReceived(FrameBuffer frame);
}
