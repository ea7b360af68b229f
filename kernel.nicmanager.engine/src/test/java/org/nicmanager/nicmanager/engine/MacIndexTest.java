package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacIndexTest {

    @Test
    void findsEveryMacItWasBuiltWithAndNoOther() {
        MacIndex index = new MacIndex();
        assertEquals(-1, index.find(0x0200_0000_0001L), "empty before the first build");
        long[] macs = new long[300];
        for (int i = 0; i < macs.length; i++) {
            macs[i] = 0x0200_0000_0000L + i * 256L; // only the second-lowest byte differs: a poor spread on its own
        }
        index.rebuild(macs);
        for (int i = 0; i < macs.length; i++) {
            assertEquals(i, index.find(macs[i]));
        }
        assertEquals(-1, index.find(0x0200_0000_0001L));
        index.rebuild(new long[] {macs[7]});
        assertEquals(0, index.find(macs[7]));
        assertEquals(-1, index.find(macs[8]), "a rebuild forgets what left");
    }
}
