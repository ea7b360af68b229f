package org.nicmanager.kernel.api.driver;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** The world's side of a {@link TransmitRing}, written by the driver. Both methods run on the world thread. */
@ConsumerType
public interface TransmitHandler {

    /**
     * A frame's completion, in ring order; its slot is already free. Ownership of {@code frame} comes back to the
     * handler, which typically reports it to the NIC's listener ({@code transmitCompleted} or
     * {@code transmitAborted}) and then releases it.
     */
    void transmitDone(FrameBuffer frame, TransmitOutcome outcome);

    /**
     * The doorbell: a frame was offered after the driver last found the ring empty ({@link TransmitRing#take()}
     * answered {@code null}), so its transmit thread may be waiting. A driver wakes the thread here, or starts its
     * device; a thread that found the ring empty need not look again until then. Rung at most once per time the driver
     * found the ring empty. The default does nothing (a thread that polls).
     *
     * <p>A driver whose consumer is the world thread itself (a simulated card) is rung at once, as the frame is
     * offered. A driver with a thread of its own is rung when the world's round of work is over, so that every frame
     * of the round is there at once; it may then take and send them here, on the world thread, while its own thread is
     * idle (run to completion), provided that nothing it does here waits.
     */
    default void framesWaiting() {
    }
}
