package org.nicmanager.lib.frames;

/** The one bit mixer of the frame path, so that flow hashes, MAC tables and flow tables spread keys alike. */
public final class Hashing {

    private Hashing() {
    }

    /** The finaliser of MurmurHash3 (fmix64): spreads every input bit over the result. */
    public static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
