package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.FrameFacts;

/** Which header fields a hash policy spreads on (Linux bonding's xmit_hash_policy, vSphere's IP hash). */
enum HashKey {
    L2_SOURCE {
        @Override
        long hash(FrameFacts frame) {
            return mix(frame.sourceMac());
        }
    },
    L2_DESTINATION {
        @Override
        long hash(FrameFacts frame) {
            return mix(frame.destinationMac());
        }
    },
    L2 {
        @Override
        long hash(FrameFacts frame) {
            return mix(frame.sourceMac() * 31 ^ frame.destinationMac());
        }
    },
    L3_SOURCE {
        @Override
        long hash(FrameFacts frame) {
            return frame.ipVersion() == 0 ? L2_SOURCE.hash(frame) : mix(frame.ipSourceKey());
        }
    },
    L3_DESTINATION {
        @Override
        long hash(FrameFacts frame) {
            return frame.ipVersion() == 0 ? L2_DESTINATION.hash(frame) : mix(frame.ipDestinationKey());
        }
    },
    L3 {
        @Override
        long hash(FrameFacts frame) {
            return frame.ipVersion() == 0 ? L2.hash(frame) : mix(frame.ipSourceKey() * 31 ^ frame.ipDestinationKey());
        }
    },
    /** Addresses, protocol and ports: the frame's own flow hash, computed once per frame. */
    L34 {
        @Override
        long hash(FrameFacts frame) {
            return frame.flowHash();
        }
    };

    abstract long hash(FrameFacts frame);

    /** MurmurHash3's 64-bit finaliser, as the header view mixes its flow hash, so that buckets fill evenly. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
