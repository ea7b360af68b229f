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

class TimeSpanTest {

    private static final String ALLOWED = "ns, us, ms, s, m or h";

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "250ns, 250",
        "500us, 500000",
        "10ms, 10000000",
        "1s, 1000000000",
        "2m, 120000000000",
        "1h, 3600000000000",
        "1.5s, 1500000000",
        "' 10 ms ', 10000000",
        "0s, 0"})
    void documentedFormsParse(String text, long nanos) {
        assertEquals(nanos, TimeSpan.parse(text).nanos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "5 parsecs", "10", "0.5ns", "1.5us5", "s", "1,5s", "99999999999999h"})
    void badTextIsRefusedNamingItAndTheAllowedUnits(String text) {
        assertRefused(text, ALLOWED, () -> TimeSpan.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextIsRefused(String text) {
        assertRefused(String.valueOf(text), ALLOWED, () -> TimeSpan.parse(text));
    }

    @Test
    void overflowSaysTooLarge() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TimeSpan.parse("99999999999999h"));

        assertTrue(refused.getMessage().contains("too large"), refused.getMessage());
    }

    @Test
    void fractionOfANanosecondSaysSo() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TimeSpan.parse("0.5ns"));

        assertTrue(refused.getMessage().contains("finer than the smallest unit"), refused.getMessage());
    }

    @Test
    void negativeSpanIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimeSpan(-1));
    }

    @ParameterizedTest(name = "{0} ns prints as {1}")
    @CsvSource({
        "0, 0ns",
        "999, 999ns",
        "250000, 250us",
        "10000000, 10ms",
        "1234567, 1.235ms",
        "1000000000, 1s",
        "1500000000, 1.5s",
        "120000000000, 120s"})
    void formatUsesTheLargestUnitKeepingTheValueAtLeastOne(long nanos, String text) {
        assertEquals(text, TimeSpan.format(nanos));
    }

    @Test
    void toStringIsTheFormattedValue() {
        assertEquals("500us", TimeSpan.parse("500us").toString());
    }
}
