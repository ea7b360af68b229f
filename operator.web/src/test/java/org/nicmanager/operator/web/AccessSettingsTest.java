package org.nicmanager.operator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.lib.config.ConfigurationRefused;

/** The access configuration is read whole or refused, each value checked at both ends. */
class AccessSettingsTest {

    private static final String HASH = "4E738CA5563C06CFD0018299933D58DB1DD8BF97F6973DC99BF6CDC64B5550BD";

    @Test
    void readsNamesFromAListOrOneText() {
        assertEquals(AccessSettings.NONE, AccessSettings.read(Map.of()));
        AccessSettings read = AccessSettings.read(Map.of("hostNames", "NicMgr.lab.example, 192.0.2.2,[fd00::2]",
                "user", "admin", "passwordSha256", HASH));
        assertEquals(List.of("nicmgr.lab.example", "192.0.2.2", "[fd00::2]"), read.hostNames());
        assertEquals(HASH.toLowerCase(), read.passwordSha256());
        assertEquals(List.of("a"), AccessSettings.read(Map.of("hostNames", new String[] {"a"})).hostNames());
    }

    @Test
    void refusesWhatIsOutOfBounds() {
        assertEquals("configuration org.nicmanager.operator.web (/c/x.cfg) refused: hostNames = \"a,evil_host\" is not"
                + " allowed; allowed: a DNS name (letters, digits, '-', '.') or an IP address, IPv6 in brackets; the"
                + " settings in force stay",
                assertThrows(ConfigurationRefused.class, () -> AccessSettings.read(Map.of("hostNames", "a,evil_host",
                        "felix.fileinstall.filename", "file:/c/x.cfg"))).getMessage());
        List<Map<String, Object>> bad = List.of(
                Map.of("hostNames", "x".repeat(64)),
                Map.of("hostNames", String.join(",", java.util.Collections.nCopies(33, "a"))),
                Map.of("hostNames", 5),
                Map.of("user", "admin"),
                Map.of("passwordSha256", HASH),
                Map.of("user", "ad min", "passwordSha256", HASH),
                Map.of("user", "a".repeat(65), "passwordSha256", HASH),
                Map.of("user", "admin", "passwordSha256", HASH.substring(1)),
                Map.of("user", "admin", "passwordSha256", HASH + "0"),
                Map.of("user", "admin\nERROR forged", "passwordSha256", HASH));
        for (Map<String, Object> properties : bad) {
            ConfigurationRefused refused = assertThrows(ConfigurationRefused.class,
                    () -> AccessSettings.read(properties), properties.toString());
            assertEquals(-1, refused.getMessage().indexOf('\n'), "one line: " + refused.getMessage());
        }
    }
}
