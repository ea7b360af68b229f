package org.nicmanager.kernel.api.dos;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One virtual NIC's receive path as an inspector sees it: called for every frame the virtual NIC receives for its
 * guest, on the network world's thread. This is the frame path: no allocation, no locks, no logging, no clock but the
 * kernel's.
 */
@ConsumerType
public interface ReceiveTap {

    /** A tap that counts nothing and holds nothing. */
    ReceiveTap NONE = (headers, frame) -> 0;

    /**
     * Counts one received frame.
     *
     * @param headers the frame's headers, already parsed (check {@link FrameHeaders#valid()})
     * @param frame the frame; it must not be kept or changed
     * @return nanoseconds to hold the receive interrupt back for this frame's batch, for an assessment ([0130]); 0 to
     *         raise it as usual
     */
    long inspect(FrameHeaders headers, FrameBuffer frame);
}
