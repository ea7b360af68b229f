package org.nicmanager.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

    @Test
    void aNumberReadFromTheMapIsTypedOrTextAndCheckedAtBothEnds() {
        assertEquals(7, new ConfigurationCheck(PID, Map.of()).intIn("capacityEvents", 7, 1, 10), "absent: the default");
        assertEquals(3, new ConfigurationCheck(PID, Map.of("capacityEvents", 3)).intIn("capacityEvents", 7, 1, 10));
        assertEquals(4, new ConfigurationCheck(PID, Map.of("capacityEvents", " 4")).intIn("capacityEvents", 7, 1, 10));
        assertEquals(5L, new ConfigurationCheck(PID, Map.of("capacityEvents", 5L)).longIn("capacityEvents", 7, 1, 10));
        for (Object bad : List.of(0, 11, "0", "11", "lots", "2147483648", 3.5, true)) {
            ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                    () -> new ConfigurationCheck(PID, Map.of("capacityEvents", bad)).intIn("capacityEvents", 7, 1,
                            10), String.valueOf(bad));
            assertEquals("a whole number from 1 to 10", refused.allowed());
            assertEquals(bad instanceof String ? "\"" + bad + "\"" : String.valueOf(bad), refused.value());
        }
    }

    @Test
    void textAndListsMatchTheirPatternAndCount() {
        Pattern word = Pattern.compile("[a-z]{1,8}");
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("user", "admin", "names", "a, b,c",
                "array", new String[] {"x", "y"}, "bad", "a,B", "number", 5, "forged", "a\nERROR x"));
        assertEquals("admin", check.textMatching("user", word, "a word"));
        assertEquals("", check.textMatching("absent", word, "a word"));
        assertEquals(List.of("a", "b", "c"), check.listMatching("names", word, 3, "a word"));
        assertEquals(List.of("x", "y"), check.listMatching("array", word, 3, "a word"));
        assertEquals(List.of(), check.listMatching("absent", word, 3, "a word"));
        assertEquals("\"a,B\"", assertThrows(ConfigurationRefused.class,
                () -> check.listMatching("bad", word, 3, "a word")).value());
        assertEquals("at most 2 items, each a word", assertThrows(ConfigurationRefused.class,
                () -> check.listMatching("names", word, 2, "a word")).allowed());
        assertEquals("5", assertThrows(ConfigurationRefused.class,
                () -> check.textMatching("number", word, "a word")).value());
        assertEquals("[x, y]", assertThrows(ConfigurationRefused.class,
                () -> check.textMatching("array", word, "a word")).value());
        ConfigurationRefused forged = assertThrows(ConfigurationRefused.class,
                () -> check.textMatching("forged", word, "a word"));
        assertEquals("\"a\\nERROR x\"", forged.value(), "one line: it goes into events as well as the log");
        assertEquals(-1, forged.getMessage().indexOf('\n'));
        assertEquals("\"\\u001b[31m\\t\"", new ConfigurationCheck(PID, Map.of("k", "\u001b[31m\t")).refused("k", "x")
                .value());
    }

    @Test
    void aFractionIsAboveItsLowerBoundAndAtMostItsUpper() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("baselineMultiple", "lots"));
        assertEquals(1.5, check.doubleAbove("baselineMultiple", () -> 1.5, 1, 1000));
        assertEquals(1000, check.doubleAbove("baselineMultiple", () -> 1000, 1, 1000));
        for (double bad : new double[] {1, 0.5, 1000.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("a number above 1.0 and at most 1000.0", assertThrows(ConfigurationRefused.class,
                    () -> check.doubleAbove("baselineMultiple", () -> bad, 1, 1000)).allowed(), String.valueOf(bad));
        }
        assertEquals("\"lots\"", assertThrows(ConfigurationRefused.class, () -> check.doubleAbove("baselineMultiple",
                () -> Double.parseDouble("lots"), 1, 1000)).value());
    }

    @Test
    void aValueThatCannotBeConvertedToItsTypeIsRefused() {
        ConfigurationCheck check = new ConfigurationCheck(PID, Map.of("ports", "eighty"));
        assertEquals("ports 0..65535", assertThrows(ConfigurationRefused.class, () -> check.converted("ports",
                () -> new int[] {Integer.parseInt("eighty")}, "ports 0..65535")).allowed());
        assertEquals(2, check.converted("ports", () -> new int[] {80, 443}, "ports 0..65535").length);
    }
}
