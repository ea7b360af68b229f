package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfFileWriteBackTest {

    private static final String OPERATORS_FILE = "# rack 4's uplinks\nname = bond0\npolicy = failover-order\n";

    private static String text(String file, Map<String, Object> values) throws Exception {
        return new String(ConfFileWriteBack.text(file.getBytes(StandardCharsets.ISO_8859_1), values),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void aFileThatAlreadySaysWhatTheConfigurationHoldsIsLeftByteForByte() throws Exception {
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("name", "bond0");
        same.put("policy", "failover-order");
        byte[] file = OPERATORS_FILE.getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(file, ConfFileWriteBack.text(file, same));
    }

    @Test
    void aChangedConfigurationIsWrittenTypedWithTheCommentsKeptAndDroppedKeysRemoved() throws Exception {
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("name", "bond0");
        changed.put("failbackHoldDownMs", 2000L);
        changed.put("nics", new String[] {"vmnic1", "vmnic0"});

        String written = text(OPERATORS_FILE, changed);

        assertEquals("""
                # rack 4's uplinks
                name = "bond0"
                failbackHoldDownMs = L"2000"
                nics = [ \\
                  "vmnic1", \\
                  "vmnic0", \\
                  ]
                """, written.replace("\r\n", "\n"), "typed as FileInstall reads it; the policy the "
                        + "configuration no longer has is gone");
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameText() throws Exception {
        Map<String, Object> changed = Map.of("name", "bond0", "policy", "hash-l2", "lacpMinLinks", 2);
        String once = text(OPERATORS_FILE, changed);
        assertEquals(once, text(once, changed), "a second write-back of the same values changes nothing");
    }
}
