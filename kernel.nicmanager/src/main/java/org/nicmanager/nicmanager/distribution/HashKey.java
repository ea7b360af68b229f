package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.frame.FrameHeaders;

/** Which header fields a hash policy spreads on (Linux bonding's xmit_hash_policy, vSphere's IP hash). */
enum HashKey {
    L2_SOURCE {
        @Override
        long hash(FrameHeaders headers) {
            return FrameHeaders.mix(headers.sourceMac());
        }
    },
    L2_DESTINATION {
        @Override
        long hash(FrameHeaders headers) {
            return FrameHeaders.mix(headers.destinationMac());
        }
    },
    L2 {
        @Override
        long hash(FrameHeaders headers) {
            return FrameHeaders.mix(headers.sourceMac() * 31 ^ headers.destinationMac());
        }
    },
    L3_SOURCE {
        @Override
        long hash(FrameHeaders headers) {
            return headers.ipVersion() == 0 ? L2_SOURCE.hash(headers) : FrameHeaders.mix(source(headers));
        }
    },
    L3_DESTINATION {
        @Override
        long hash(FrameHeaders headers) {
            return headers.ipVersion() == 0 ? L2_DESTINATION.hash(headers) : FrameHeaders.mix(destination(headers));
        }
    },
    L3 {
        @Override
        long hash(FrameHeaders headers) {
            return headers.ipVersion() == 0 ? L2.hash(headers)
                    : FrameHeaders.mix(source(headers) * 31 ^ destination(headers));
        }
    },
    /** Addresses, protocol and ports: the header view's own flow hash, computed once per frame. */
    L34 {
        @Override
        long hash(FrameHeaders headers) {
            return headers.flowHash();
        }
    };

    abstract long hash(FrameHeaders headers);

    private static long source(FrameHeaders headers) {
        return headers.ipVersion() == 4 ? headers.ipv4Source() & 0xFFFFFFFFL
                : headers.ipv6Source(0) * 131 ^ headers.ipv6Source(1);
    }

    private static long destination(FrameHeaders headers) {
        return headers.ipVersion() == 4 ? headers.ipv4Destination() & 0xFFFFFFFFL
                : headers.ipv6Destination(0) * 131 ^ headers.ipv6Destination(1);
    }
}
