package org.nicmanager.kernel.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.shell.ShownAsDuration;

class TextTableTest {

    record Row(String name, long speedBps, String state) {
    }

    record Listing(String host, List<Row> nics) {
    }

    @Test
    void scalarFieldsPrintAsAlignedPairs() {
        assertEquals("name      eth0\nspeedBps  1000000000\nstate     UP",
                TextTable.render(new Row("eth0", 1_000_000_000L, "UP")));
    }

    @Test
    void aListOfRecordsPrintsAsColumns() {
        Listing listing = new Listing("h1", List.of(new Row("eth0", 100, "UP"), new Row("eth10", 1000, null)));
        assertEquals("host  h1\n\nnics\nname   speedBps  state\neth0   100       UP\neth10  1000      -",
                TextTable.render(listing));
    }

    record Event(@ShownAsDuration long time, String nic) {
    }

    record Held(String mode, @ShownAsDuration Long holdDownNanos, List<Event> history) {
    }

    @Test
    void kernelNanosecondsPrintInUnitsAsEventsDoesAndStayNumbersInJson() {
        Held held = new Held("delayed", 2_000_000_000L, List.of(new Event(3_600_000_000L, "nic0")));
        assertEquals("mode      delayed\nholdDown  2s\n\nhistory\ntime  nic\n3.6s  nic0", TextTable.render(held));
        assertEquals("mode      delayed\nholdDown  -\n\nhistory\n(none)",
                TextTable.render(new Held("delayed", null, List.of())));
        assertEquals("{\"mode\":\"delayed\",\"holdDownNanos\":2000000000,\"history\":[{\"time\":3600000000,"
                + "\"nic\":\"nic0\"}]}", new ShellFormatter().format(new Json(held), Converter.INSPECT, null));
    }

    @Test
    void anEmptyListSaysSo() {
        assertEquals("host  h1\n\nnics\n(none)", TextTable.render(new Listing("h1", List.of())));
    }

    @Test
    void jsonIsOneCompactLine() {
        ShellFormatter formatter = new ShellFormatter();
        CharSequence json = formatter.format(new Json(new Listing("h1", List.of(new Row("eth0", 100, null)))),
                Converter.INSPECT, null);
        assertEquals("{\"host\":\"h1\",\"nics\":[{\"name\":\"eth0\",\"speedBps\":100,\"state\":null}]}", json);
    }

    @Test
    void foreignObjectsAreLeftToGogo() {
        assertNull(new ShellFormatter().format("text", Converter.INSPECT, null));
        assertNull(new ShellFormatter().format(new Row("a", 1, "b"), Converter.LINE, null));
    }
}
