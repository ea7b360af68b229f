package org.nicmanager.kernel.api.nic;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/** The kernel's side of a NIC: the driver calls it, on the world thread, for received frames and state changes. */
@ConsumerType
public interface NicListener {

    /** A frame arrived. Ownership of {@code frame} passes to the listener, which must release it. */
    void frameReceived(PhysicalNic nic, FrameBuffer frame);

    /** The link state changed. Called at the event, never polled late. */
    void linkStateChanged(PhysicalNic nic, LinkState state);

    /** Transmit ring space was freed; a good moment to send frames that were waiting. */
    default void transmitReady(PhysicalNic nic) {
    }

    /**
     * A frame the NIC accepted has left on the wire (its transmit completion, as a driver's TX-done interrupt reports
     * it). The NIC still owns {@code frame}: the listener may read it, e.g. its source port to credit the VM that sent
     * it, but must neither keep nor release it. Called for every accepted frame that is not handed back through
     * {@link #transmitAborted}. The default does nothing.
     */
    default void transmitCompleted(PhysicalNic nic, FrameBuffer frame) {
    }

    /**
     * A frame the NIC accepted but could not put on the wire (carrier lost, hardware failed, NIC removed): ownership
     * returns to the listener, which may resend it, for example on another bond member (zero-loss failover, patent
     * [0101]). Called in ring order, oldest first, while the NIC leaves UP and before {@link #linkStateChanged}; the
     * listener must not transmit on {@code nic} from inside this call. The default releases the frame.
     */
    default void transmitAborted(PhysicalNic nic, FrameBuffer frame) {
        frame.release();
    }
}
