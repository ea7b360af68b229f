package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;

class MacBytesTest {

    @Test
    void readsAndWritesTheSixBytesInNetworkOrderAsMacAddressHoldsThem() {
        long mac = MacAddress.parse("02:a0:ff:00:7e:81").bits();
        byte[] frame = new byte[14];
        MacBytes.write(frame, MacBytes.SOURCE_OFFSET, mac);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0x02, (byte) 0xa0, (byte) 0xff, 0x00, 0x7e, (byte) 0x81, 0, 0},
                frame);
        assertEquals(mac, MacBytes.read(frame, MacBytes.SOURCE_OFFSET));
        assertEquals(0, MacBytes.read(frame, MacBytes.DESTINATION_OFFSET));
    }

    @Test
    void theBroadcastAddressHasEveryBitSet() {
        byte[] frame = new byte[6];
        MacBytes.write(frame, 0, MacAddress.BROADCAST);
        assertEquals(MacAddress.BROADCAST, MacBytes.read(frame, 0));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1}, frame);
    }
}
