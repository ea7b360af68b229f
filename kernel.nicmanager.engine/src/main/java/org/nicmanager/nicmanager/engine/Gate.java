package org.nicmanager.nicmanager.engine;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;

/**
 * What a VM's frames pass on their way to an uplink (patent Figure 5, steps 806-810): straight through in the loadable
 * variant, the resource manager's scheduler in the kernel-integrated one (its {@code ResourceRoundTrip}, where the way
 * there and back is written in one place). Runs on the network world's thread.
 */
public interface Gate {

    /** Takes a frame a guest sent; the gate owns it from here. Allocates nothing. */
    void offer(FrameBuffer frame);

    void connect(int port, String vm);

    void disconnect(int port);

    /** The uplink can take frames again. */
    void uplinkReady();

    /** The uplink's carrying members changed ([0116]). */
    void capacityChanged();

    /** A frame of that virtual NIC port left on the wire (its VM's frame is delivered). Counts only. */
    void transmitted(int port);

    /** A frame of that virtual NIC port was dropped downstream of the gate, for {@code reason}. Counts only. */
    void droppedDownstream(int port, DropReason reason);
}
