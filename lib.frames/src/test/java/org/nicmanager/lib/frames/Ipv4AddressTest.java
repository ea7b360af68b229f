package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Ipv4AddressTest {

    @Test
    void dottedTextRoundTrips() {
        assertEquals(0x0A_00_09_01, Ipv4Address.parse("--ip", "10.0.9.1"));
        assertEquals("255.255.255.255", Ipv4Address.format(Ipv4Address.parse("--ip", "255.255.255.255")));
        assertEquals("192.168.0.7", Ipv4Address.format(0xC0_A8_00_07));
    }

    @Test
    void anythingElseIsRefusedByNameWithTheFormExpected() {
        for (String bad : new String[] {"10.0.9", "10.0.9.256", "10.0..1", "10.0.9.1.2", "gateway", "1e1.0.0.1",
            "-1.0.0.1"}) {
            assertEquals("bad --ip '" + bad + "': expected a dotted IPv4 address such as 10.0.0.7",
                    assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("--ip", bad)).getMessage());
        }
    }
}
