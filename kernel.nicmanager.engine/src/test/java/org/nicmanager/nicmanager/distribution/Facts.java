package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/** A parsed frame and its source port as a bond shows them to its policy: through the bond's {@link HeaderFacts}. */
final class Facts {

    private Facts() {
    }

    static FrameFacts of(FrameHeaders headers, int sourcePort) {
        return new HeaderFacts(headers).from(sourcePort);
    }
}
