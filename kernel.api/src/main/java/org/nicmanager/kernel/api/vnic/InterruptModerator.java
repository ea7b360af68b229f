package org.nicmanager.kernel.api.vnic;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides how long a receive interrupt for a virtual NIC is held back: the hook through which the DoS defence delays
 * interrupts for suspicious frames during an assessment window (patent [0130]). Called on the world thread for the
 * first frame of each batch; it must not keep the frame.
 */
@ConsumerType
public interface InterruptModerator {

    /** Raise interrupts at once. */
    InterruptModerator IMMEDIATE = (vnic, frame) -> 0;

    /** Nanoseconds to wait before raising the interrupt for this frame's batch; 0 for at once. */
    long receiveInterruptDelayNanos(String vnic, FrameBuffer frame);
}
