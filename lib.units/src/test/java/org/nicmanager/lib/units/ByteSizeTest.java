package org.nicmanager.lib.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nicmanager.lib.units.UnitsAssertions.assertRefused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    private static final String ALLOWED = "B, KB, KiB, MB, MiB, GB or GiB";

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "64, 64",
        "1500, 1500",
        "9000, 9000",
        "1500B, 1500",
        "64KiB, 65536",
        "64KB, 64000",
        "1MB, 1000000",
        "1MiB, 1048576",
        "1.5KiB, 1536",
        "2GiB, 2147483648"})
    void documentedFormsParse(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text).bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-64", "1.5", "64 parsecs", "64kib", "99999999999999999999", "9999999999GiB"})
    void badTextIsRefusedNamingItAndTheAllowedUnits(String text) {
        assertRefused(text, ALLOWED, () -> ByteSize.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextIsRefused(String text) {
        assertRefused(String.valueOf(text), ALLOWED, () -> ByteSize.parse(text));
    }

    @Test
    void negativeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ByteSize(-1));
    }

    @Test
    void toStringIsInBytes() {
        assertEquals("65536B", ByteSize.parse("64KiB").toString());
    }
}
