package org.nicmanager.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class EnsembleAddressTest {

    @Test
    void connectStringsAndEmbeddedServersAreRead() {
        assertEquals(new EnsembleAddress(false, -1, "zk1:2181,zk2:2181,10.0.0.3:2182/nicmgr"),
                EnsembleAddress.parse("zk1:2181,zk2:2181,10.0.0.3:2182/nicmgr"));
        assertEquals(new EnsembleAddress(false, -1, "[::1]:2181"), EnsembleAddress.parse("[::1]:2181"));
        assertEquals(new EnsembleAddress(true, 2181, null), EnsembleAddress.parse("embedded"));
        assertEquals(new EnsembleAddress(true, 0, null), EnsembleAddress.parse("embedded:0"));
        assertEquals(new EnsembleAddress(true, 12181, null), EnsembleAddress.parse("EMBEDDED:12181"));
    }

    @Test
    void badAddressesAreRefusedNamingTheValueAndWhatIsAllowed() {
        for (String bad : List.of("", "zk1", "zk1:", "zk1:0", "zk1:65536", "zk1:http", ":2181", "zk1:2181,",
                "zk 1:2181", "zk1:2181/", "embedded:65536", "embedded:-1", "embedded:x")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> EnsembleAddress.parse(bad), bad);
            assertTrue(refused.getMessage().startsWith("bad cluster address '" + bad + "': "), refused.getMessage());
            assertTrue(refused.getMessage().contains("allowed: HOST:PORT[,HOST:PORT...][/CHROOT]"),
                    refused.getMessage());
        }
    }

    @Test
    void hostIdsAreNamesThatMakeOneZnode() {
        assertEquals("esx-01.lab", EnsembleAddress.checkHostId("esx-01.lab"));
        for (String bad : List.of("", "-a", "a/b", "a b", "x".repeat(65))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> EnsembleAddress.checkHostId(bad), bad);
            assertTrue(refused.getMessage().startsWith("bad host id '" + bad + "': 1 to 64 letters"),
                    refused.getMessage());
        }
    }
}
