package org.nicmanager.kernel.api.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @Test
    void parseAndFormatRoundTrip() {
        MacAddress mac = MacAddress.parse("02:1a:2B:3c:4D:ff");

        assertEquals(0x02_1A_2B_3C_4D_FFL, mac.bits());
        assertEquals("02:1a:2b:3c:4d:ff", mac.toString());
        assertEquals(mac, MacAddress.parse(mac.toString()));
    }

    @Test
    void dashesAreAcceptedLikeColons() {
        assertEquals(MacAddress.parse("02:00:00:00:00:01"), MacAddress.parse("02-00-00-00-00-01"));
    }

    @Test
    void surroundingSpaceIsIgnored() {
        assertEquals(0x02_00_00_00_00_01L, MacAddress.parse("  02:00:00:00:00:01 ").bits());
    }

    @Test
    void formatPrintsLeadingZeros() {
        assertEquals("00:00:00:00:00:00", MacAddress.format(0));
        assertEquals("00:0a:00:00:00:01", MacAddress.format(0x00_0A_00_00_00_01L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:01:02", "02:00:00:00:00:1", "02:00:00:00:00:001",
        "02:00:00:00:00:g1", "02.00.00.00.00.01", "02:00:00:00:00:01:", "+1:00:00:00:00:01"})
    void badTextIsRefusedWithAMessageNamingIt(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));

        assertTrue(refused.getMessage().contains("'" + text + "'"), refused.getMessage());
    }

    @Test
    void nullIsRefusedLikeBadText() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(null));

        assertTrue(refused.getMessage().contains("'null'"), refused.getMessage());
    }

    @Test
    void moreThan48BitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(-1));
    }

    @Test
    void groupBitMarksMulticast() {
        assertTrue(MacAddress.isMulticast(0x01_00_5E_00_00_01L));
        assertTrue(MacAddress.isMulticast(0x33_33_00_00_00_01L));
        assertTrue(MacAddress.isMulticast(MacAddress.BROADCAST));
        assertFalse(MacAddress.isMulticast(0x02_00_00_00_00_01L));
        assertFalse(MacAddress.isMulticast(0x00_01_00_00_00_00L));
    }

    @Test
    void locallyAdministeredBitIsRead() {
        assertTrue(MacAddress.isLocallyAdministered(0x02_00_00_00_00_01L));
        assertFalse(MacAddress.isLocallyAdministered(0x00_1B_21_00_00_01L));
    }

    @Test
    void broadcastIsAllOnes() {
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.format(MacAddress.BROADCAST));
        assertEquals(MacAddress.BROADCAST, MacAddress.parse("FF-FF-FF-FF-FF-FF").bits());
    }
}
