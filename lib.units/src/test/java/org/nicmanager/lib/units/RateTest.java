package org.nicmanager.lib.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.lib.units.UnitsAssertions.assertRefused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RateTest {

    private static final String ALLOWED = "bps, kbps, Mbps, Gbps, pps, kpps or Mpps";

    @ParameterizedTest(name = "{0} = {1} {2}")
    @CsvSource({
        "100Mbps, 100000000, BITS_PER_SECOND",
        "1Gbps, 1000000000, BITS_PER_SECOND",
        "2.5Gbps, 2500000000, BITS_PER_SECOND",
        "64kbps, 64000, BITS_PER_SECOND",
        "150kpps, 150000, FRAMES_PER_SECOND",
        "1.5Mpps, 1500000, FRAMES_PER_SECOND",
        "10pps, 10, FRAMES_PER_SECOND"})
    void documentedFormsParse(String text, long perSecond, Rate.Unit unit) {
        assertEquals(new Rate(perSecond, unit), Rate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5Mbps", "10", "5 parsecs", "0.5bps", "1mbps", "99999999999Gbps"})
    void badTextIsRefusedNamingItAndTheAllowedUnits(String text) {
        assertRefused(text, ALLOWED, () -> Rate.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextIsRefused(String text) {
        assertRefused(String.valueOf(text), ALLOWED, () -> Rate.parse(text));
    }

    @Test
    void bandwidthIsParsedInBitsPerSecond() {
        assertEquals(1_000_000_000L, Rate.parseBitsPerSecond("1Gbps"));
    }

    @Test
    void bandwidthRefusesAFrameRate() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Rate.parseBitsPerSecond("150kpps"));

        assertTrue(refused.getMessage().contains("'150kpps'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("bps, kbps, Mbps or Gbps"), refused.getMessage());
    }

    @Test
    void negativeRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Rate(-1, Rate.Unit.BITS_PER_SECOND));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"2.5Gbps, 2.5Gbps", "100Mbps, 100Mbps", "150kpps, 150kpps", "999bps, 999bps", "1500kbps, 1.5Mbps"})
    void toStringUsesTheLargestPrefix(String text, String printed) {
        assertEquals(printed, Rate.parse(text).toString());
    }
}
