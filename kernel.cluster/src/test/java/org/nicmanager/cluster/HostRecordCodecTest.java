package org.nicmanager.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HostRecordCodecTest {

    private final HostRecordCodec codec = new HostRecordCodec();

    @Test
    void aRecordComesBackAsItWasWritten() {
        HostRecord record = new HostRecord("h1", "box", 7, 1_700_000_000_000L, "0.1.0", List.of(
                new HostRecord.UplinkRecord("bond0", List.of("vmnic0", "vmnic1"), 2_000_000_000L, 0)), 2_000_000_000L,
                0);
        assertEquals(record, codec.decode("/nicmgr/hosts/h1", codec.encode(record)));
    }

    @Test
    void aRecordThisVersionCannotReadIsRefusedWholeNamingItsPath() {
        for (String text : List.of("", "not json", "{\"hostId\":\"h1\"}", "{\"hostId\":\"h1\",\"uplinks\":7}",
                "{\"hostId\":\"h1\",\"machine\":\"m\",\"version\":\"9\",\"uplinks\":[{\"name\":null}]}")) {
            HostRecordCodec.MalformedRecordException refused = assertThrows(
                    HostRecordCodec.MalformedRecordException.class,
                    () -> codec.decode("/nicmgr/hosts/h1", text.getBytes(StandardCharsets.UTF_8)), text);
            assertTrue(refused.getMessage().startsWith("cluster record /nicmgr/hosts/h1 skipped: "),
                    refused.getMessage());
        }
    }
}
