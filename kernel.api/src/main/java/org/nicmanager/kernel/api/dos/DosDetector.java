package org.nicmanager.kernel.api.dos;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One kind of attack detection, a small service (whiteboard: every registered detector runs, side by side). The DoS
 * defence asks it for a {@link DetectorWatch} over each target it sees traffic for.
 */
@ConsumerType
public interface DosDetector {

    /** The attack kind it detects, an upper-case word such as {@code SYN_FLOOD}; unique among detectors. */
    String kind();

    /** A new watch over one target; control path, on the network world's thread. */
    DetectorWatch watch(DosTarget target);
}
