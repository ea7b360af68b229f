package org.nicmanager.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HostRowTest {

    @Test
    void ratesAndTheStartAreShownForPeople() {
        HostRecord record = new HostRecord("h1", "box", 7, 0L, "0.1.0", List.of(
                new HostRecord.UplinkRecord("bond0", List.of("vmnic0", "vmnic1"), 2_000_000_000L, 300_000_000L),
                new HostRecord.UplinkRecord("vmnic2", List.of("vmnic2"), 100_000_000L, 0)), 1_800_000_000L, 2);
        assertEquals(new HostRow("h1", "box", 7, "1970-01-01T00:00:00Z", "0.1.0",
                "bond0 2Gbps (300Mbps reserved), vmnic2 100Mbps (0bps reserved)", "1.8Gbps", 2), HostRow.of(record));
        assertEquals("-", HostRow.of(new HostRecord("h2", "box", 8, 0L, "0.1.0", List.of(), 0, 0)).uplinks());
    }
}
