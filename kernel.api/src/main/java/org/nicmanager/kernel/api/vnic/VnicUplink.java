package org.nicmanager.kernel.api.vnic;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** Where a virtual NIC's outgoing frames go: the NIC manager's bond or unbonded NIC for that VM (patent step 801). */
@ConsumerType
public interface VnicUplink {

    /**
     * Offers a frame a guest sent; its {@link FrameBuffer#sourcePort()} names the virtual NIC. On true the uplink owns
     * the frame (sent, queued, or dropped and counted with a reason by the uplink); on false it refused it untouched
     * and the caller still owns it.
     */
    boolean send(FrameBuffer frame);
}
