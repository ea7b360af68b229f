package org.nicmanager.kernel.api.dos;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One detector's watch over one target. {@link #count} runs on the frame path and only counts; {@link #assess} runs on
 * the DoS defence's kernel timer and decides. Both on the network world's thread, so a watch needs no locks.
 */
@ConsumerType
public interface DetectorWatch {

    /**
     * Counts one frame the target received. Frame path: no allocation, no locks, no logging.
     *
     * @return true when this frame is suspicious by itself (it matches a signature, or it is of the kind under attack
     *         now), so that its interrupt may be held for an assessment ([0130])
     */
    boolean count(FrameHeaders headers, FrameBuffer frame);

    /** Whether the target is under this kind of attack at kernel time {@code nowNanos}; called once per period. */
    boolean assess(long nowNanos);

    /** The figures behind the last {@link #assess} verdict, for people (control path; may allocate). */
    String describe();
}
