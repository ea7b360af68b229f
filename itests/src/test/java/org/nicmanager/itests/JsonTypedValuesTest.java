package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Issue 18 point 8: every {@code --json} document types its values: a missing value is {@code null} (or an object is
 * left out), never the text tables' {@code "-"}. A busy host in virtual time (an LACP bond with a member unplugged, an
 * active-backup bond with an ARP monitor and a failing member, a bond without members, an unbonded NIC, a free NIC
 * that automatic bonding probes, VMs with and without uplinks, allocations, a DoS flood and its responses, a capture)
 * is asked for every JSON document, and each is walked value by value.
 */
public class JsonTypedValuesTest extends NicManagerTestSupport {

    private static final String[] DOCUMENTS = {"kernel:info --json", "kernel:advance --json 10ms", "nic:list --json",
        "nic:show --json l1", "nic:show --json free0", "bond:list --json", "bond:show --json lag",
        "bond:show --json ab", "bond:show --json empty", "bond:auto --json", "lacp:show --json lag",
        "lacp:show --json ab", "lacp:show --json empty", "lacp:partners --json", "net:show --json web",
        "net:show --json idle", "net:stats --json", "net:whatif --json fail n0", "vm:list --json",
        "vm:show --json batch", "vm:show --json idle", "vm:migrations --json", "vnic:list --json",
        "guest:stats --json web", "hw:capture list --json", "hw:host --json stats hA", "hw:switch --json ports swA",
        "hw:switch --json lacp swA", "hw:switch --json ports swB", "hw:switch --json lacp swB", "hw:topology --json",
        "dos:status --json", "dos:policy --json", "dos:policy --json web", "dos:policy --json app",
        "dos:detector --json", "dos:detector --json rate", "events --json"};

    @Test
    public void noJsonDocumentOfABusyHostHasADashForAMissingValue() throws Exception {
        busyHost();
        List<String> dashes = new ArrayList<>();
        int values = 0;
        for (String command : DOCUMENTS) {
            String printed = shell(command);
            JsonElement document = JsonParser.parseString(printed);
            assertTrue(command + " prints one JSON object: " + printed, document.isJsonObject());
            values += walk(command, "", document, dashes);
        }
        assertEquals("values that are \"-\" (command path)", List.of(), dashes);
        assertTrue("walked " + values + " values", values > 1_000);
    }

    /** Counts the scalar values under {@code element}; adds the path of each {@code "-"} to {@code dashes}. */
    private static int walk(String command, String path, JsonElement element, List<String> dashes) {
        if (element.isJsonObject()) {
            int values = 0;
            for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
                values += walk(command, path + "." + member.getKey(), member.getValue(), dashes);
            }
            return values;
        }
        if (element.isJsonArray()) {
            int values = 0;
            for (JsonElement item : element.getAsJsonArray()) {
                values += walk(command, path + "[]", item, dashes);
            }
            return values;
        }
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                && element.getAsString().trim().equals("-")) {
            dashes.add(command + " " + path);
        }
        return 1;
    }

    private void busyHost() throws Exception {
        for (String command : new String[] {
            "hw:switch add swA --ports 12 --lacp active --lacp-rate fast", "hw:switch add swB --ports 8",
            "hw:switch add swC --ports 8", "hw:switch link swB swC",
            "hw:nic add l0 --model e1000 --switch swA", "hw:nic add l1 --model e1000 --switch swA",
            "hw:nic add n0 --model e1000 --switch swB", "hw:nic add n1 --model e1000 --switch swB",
            "hw:nic add m0 --model e100 --switch swC", "hw:nic add free0 --model e1000 --switch swC",
            "hw:host add hA --switch swA --mac 02:00:00:00:97:01 --ip 10.0.7.1",
            "hw:host add hB --switch swB --mac 02:00:00:00:97:02 --ip 10.0.7.2",
            "hw:host add hC --switch swC --mac 02:00:00:00:97:03",
            "bond:create lag --policy hash-l34 --lacp active --lacp-rate fast", "bond:add lag l0 l1",
            "bond:create ab --policy failover-order --failback delayed:2s --arp-target 10.0.7.2", "bond:add ab n0 n1",
            "bond:create empty --policy round-robin",
            "vm:create web --priority 8", "vm:create app --priority 5", "vm:create batch --priority 1",
            "vm:create idle --priority 3", "vm:start web", "vm:start app", "vm:start batch",
            "vnic:add web --uplink lag --mac 02:00:00:00:07:11", "vnic:add app --uplink ab --mac 02:00:00:00:07:12",
            "vnic:add batch --uplink m0 --mac 02:00:00:00:07:13", "vnic:add batch --uplink lag --mac 02:00:00:00:07:14",
            "vnic:add idle --mac 02:00:00:00:07:15", "bond:auto on",
            "net:alloc web --shares 2000", "net:alloc idle --reservation 10Mbps",
            "net:alloc app --reservation 50Mbps --average 50Mbps --peak 80Mbps --burst 64KiB --peak-period 100ms",
            "net:alloc batch --limit 20Mbps", "dos:policy web --responses hold,suspend --restore-after 500ms",
            "hw:traffic hA --to 02:00:00:00:07:11 --rate 10Mbps --frame 1000",
            "hw:traffic hB --to 02:00:00:00:07:12 --rate 5Mbps --frame 500",
            "guest:traffic web --to 02:00:00:00:97:01 --rate 200Mbps --frame 1500 --flows 8",
            "guest:traffic app --to 02:00:00:00:97:02 --rate 100Mbps --frame 1000",
            "guest:traffic batch --to 02:00:00:00:97:03 --rate 50Mbps --frame 1500",
            "kernel:advance 2s", "hw:flood 02:00:00:00:07:11 --rate 50Mbps --for 500ms --via swA",
            "hw:unplug l1", "hw:fail n0 ring --for 500ms", "kernel:advance 300ms"}) {
            shell(command);
        }
    }
}
