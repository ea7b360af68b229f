package org.nicmanager.nicmanager.bond;

import java.util.Random;

/** Byte-level mischief for LACPDU tests. */
final class CodecBytes {

    /** The first octet after the Ethernet header: mutations start here, so every frame still goes to LACP. */
    private static final int SUBTYPE = 14;

    private CodecBytes() {
    }

    /**
     * Fills {@code into} from {@code good} with a few random changes after the Ethernet header (a tenth of the time,
     * random bytes), and returns a length to feed: mostly the whole frame, sometimes a random cut.
     */
    static int mutate(Random random, byte[] good, byte[] into) {
        java.util.Arrays.fill(into, (byte) 0);
        System.arraycopy(good, 0, into, 0, good.length);
        if (random.nextInt(10) == 0) {
            byte[] noise = new byte[into.length - SUBTYPE];
            random.nextBytes(noise);
            System.arraycopy(noise, 0, into, SUBTYPE, noise.length);
        } else {
            int changes = 1 + random.nextInt(2);
            for (int i = 0; i < changes; i++) {
                int offset = SUBTYPE + random.nextInt(62);
                into[offset] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : random.nextInt(4) * 10);
            }
        }
        return random.nextInt(5) == 0 ? SUBTYPE + random.nextInt(into.length - SUBTYPE) : good.length;
    }
}
