package org.nicmanager.kernel.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {

    private static final String PID = "org.nicmanager.sim.network";
    private static final String PATH = "/srv/host/conf/org.nicmanager.sim.network.cfg";
    private static final String FILE = "file:" + PATH;

    private enum Mode { REAL, VIRTUAL }

    @Test
    void aValueWithinBothBoundsIsReturned() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("poolBuffers", 16));
        assertEquals(16, check.intWithin("poolBuffers", () -> 16, 1, 131_072));
        assertEquals(1, check.longWithin("poolBuffers", () -> 1, 1, 131_072), "the lower bound is allowed");
        assertEquals(131_072, check.longWithin("poolBuffers", () -> 131_072, 1, 131_072), "so is the upper");
    }

    @Test
    void belowTheLowerBoundIsRefusedNamingFileKeyValueAndRange() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("poolBuffers", 0,
                ConfigurationFiles.FILE_MARK, FILE));
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> check.intWithin("poolBuffers", () -> 0, 1, 131_072));
        assertEquals("configuration org.nicmanager.sim.network (" + PATH + ") refused: poolBuffers = 0 is not"
                + " allowed; allowed: a whole number from 1 to 131072; the settings in force stay",
                refused.getMessage());
        assertEquals(PID, refused.pid());
        assertEquals(PATH, refused.file(), "the file mark as a path");
        assertEquals("poolBuffers", refused.key());
        assertEquals("0", refused.value());
        assertEquals("a whole number from 1 to 131072", refused.allowed());
        assertEquals(PATH, refused.eventProperties().get("file"));
        assertEquals(refused.getMessage(), refused.eventProperties().get("message"));
    }

    @Test
    void aboveTheUpperBoundIsRefused() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("poolBuffers", Integer.MAX_VALUE));
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> check.intWithin("poolBuffers", () -> Integer.MAX_VALUE, 1, 131_072));
        assertEquals("2147483647", refused.value());
        assertEquals("", refused.file(), "set through ConfigAdmin, not from a file");
        assertEquals("configuration org.nicmanager.sim.network refused: poolBuffers = 2147483647 is not allowed;"
                + " allowed: a whole number from 1 to 131072; the settings in force stay", refused.getMessage());
    }

    @Test
    void aValueThatCannotBeConvertedIsRefusedQuotedAsConfigured() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("poolBuffers", "lots"));
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> check.intWithin("poolBuffers", () -> Integer.parseInt("lots"), 1, 10));
        assertEquals("\"lots\"", refused.value());
    }

    @Test
    void anEnumerationNamesItsConstants() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("clockMode", "SOMETIMES"));
        assertEquals(Mode.REAL, check.oneOf("clockMode", () -> Mode.REAL, Mode.class));
        ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                () -> check.oneOf("clockMode", () -> Mode.valueOf("SOMETIMES"), Mode.class));
        assertEquals("one of [REAL, VIRTUAL]", refused.allowed());
        assertEquals("\"SOMETIMES\"", refused.value());
    }

    @Test
    void anAbsentKeyIsShownAsAbsent() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of());
        assertEquals("(absent)", check.refused("seed", "a whole number").value());
    }
}
