package org.nicmanager.kernel.api.vnic.backend;

import java.util.Map;

import org.nicmanager.kernel.api.vnic.GuestReceiver;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One guest on one virtual NIC, as a back end opened it. {@link #received} takes the frames for the guest when the
 * device's receive interrupt is serviced, on the world thread: it hands them on without blocking, locking or
 * allocating, and drops (counted by reason) what it cannot take now.
 */
@ConsumerType
public interface GuestConnection extends GuestReceiver {

    /** Where the guest is, for {@code vnic:list}: e.g. {@code tap0}, or {@code 127.0.0.1:5000 -> 127.0.0.1:5001}. */
    String describe();

    /**
     * Frames the back end dropped by reason (upper-case words, e.g. {@code TOO_LONG}, {@code TOO_SHORT}), on their way
     * from the guest, before the device saw them. Control path; any thread.
     */
    Map<String, Long> fromGuestDropped();

    /** Frames for the guest the back end dropped by reason (e.g. {@code GUEST_QUEUE_FULL}). Control path. */
    Map<String, Long> toGuestDropped();

    /** Stops the back end's threads and closes what it opened. World thread; frames it still held are released. */
    void close();
}
