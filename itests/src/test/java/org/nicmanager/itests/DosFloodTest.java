package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A UDP flood at five times a VM's normal load, through its uplink set (patent [0125]-[0128]), driven from the shell
 * in virtual time: detected within the window, the victim failed over to the alternate set, a lower-priority VM
 * suspended for the attack and resumed after it, a high-priority VM keeping its reservation throughout, and the
 * timeline in {@code events}.
 */
public class DosFloodTest extends NicManagerTestSupport {

    private static final long MS = 1_000_000L;
    private static final long RESERVATION_BPS = 100_000_000L;
    private static final String A_MAC = "02:00:00:00:0a:01";
    private static final String HOST_A_MAC = "02:00:00:00:99:0a";
    private static final String HOST_B_MAC = "02:00:00:00:99:0b";
    private static final String HOST_C_MAC = "02:00:00:00:99:0c";

    @Test
    public void aFloodIsDetectedAndTheVictimFailsOverWhileTheHighPriorityVmKeepsItsReservation() throws Exception {
        // Uplink set 1: a bond of two e1000 on swA, where the attack comes from; set 2: a bond on swB, not linked.
        shell("hw:switch add swA --ports 8");
        shell("hw:switch add swB --ports 4");
        shell("hw:nic add a0 --model e1000 --switch swA");
        shell("hw:nic add a1 --model e1000 --switch swA");
        shell("hw:nic add b0 --model e1000 --switch swB");
        shell("hw:host add hA --switch swA --mac " + HOST_A_MAC);
        shell("hw:host add hB --switch swA --mac " + HOST_B_MAC);
        shell("hw:host add hC --switch swA --mac " + HOST_C_MAC);
        shell("bond:create set1 --policy round-robin");
        shell("bond:add set1 a0 a1");
        shell("bond:create set2 --policy failover-order");
        shell("bond:add set2 b0");
        vm("vmA", 5, "--mac " + A_MAC);
        vm("vmB", 8, "");
        vm("vmC", 1, "");
        shell("net:alloc vmB --reservation 100Mbps");
        shell("dos:policy vmA --responses hold,failover,suspend --alternate set2 --escalate-after 0ms"
                + " --restore-after 1500ms");

        shell("guest:traffic vmA --to " + HOST_A_MAC + " --rate 1Mbps --frame 100 --count 10"); // swA learns vmA
        shell("hw:traffic hA --to " + A_MAC + " --rate 10Mbps --frame 1000 --for 5s"); // vmA's normal load
        shell("guest:traffic vmB --to " + HOST_B_MAC + " --rate 100Mbps --frame 1500 --for 5s");
        shell("guest:traffic vmC --to " + HOST_C_MAC + " --rate 200Mbps --frame 1500 --for 5s");
        shell("kernel:advance 1500ms"); // vmA's baseline is learned

        BlockingQueue<Event> resumed = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = subscribe(VmTopics.RESUMED, resumed);
        try {
            long floodStart = now();
            // 40 Mb/s more of minimum-size frames: five times vmA's 10 Mb/s in all.
            shell("hw:flood " + A_MAC + " --rate 40Mbps --for 1s --via swA");
            List<Long> vmBThroughput = new ArrayList<>();
            long hostB = rxBytes("hB");
            String uplinkDuringAttack = null;
            String vmCDuringAttack = null;
            for (int step = 1; step <= 28; step++) { // 2.8 s in steps of 100 ms
                shell("kernel:advance 100ms");
                long now = rxBytes("hB");
                vmBThroughput.add((now - hostB) * 8 * 10);
                hostB = now;
                if (step == 5) {
                    uplinkDuringAttack = uplinkOf("vmA-0");
                    vmCDuringAttack = stateOf("vmC");
                }
            }

            String detection = objectOf(shell("dos:status --json"), "target", "vmA");
            assertEquals("RATE_ANOMALY", field(detection, "\"kind\":\"(\\w+)\""));
            long detectedAfter = number(detection, "startedAt") - floodStart;
            assertTrue("detected " + detectedAfter / MS + " ms after the flood began", detectedAfter <= 100 * MS);
            assertTrue(detection, detection.contains("\"response\":\"FAIL_OVER\""));
            assertTrue(detection, detection.contains("\"response\":\"SUSPEND_LOWER_PRIORITY\""));
            assertEquals("vmA failed over to set 2 during the attack", "set2", uplinkDuringAttack);
            assertEquals("vmC suspended during the attack", "SUSPENDED", vmCDuringAttack);
            assertEquals("vmA back on set 1 after the attack", "set1", uplinkOf("vmA-0"));
            assertEquals("vmC resumed after the attack", "RUNNING", stateOf("vmC"));
            for (int window = 0; window < vmBThroughput.size(); window++) {
                assertTrue("vmB carried " + vmBThroughput.get(window) + " bps in window " + window + " of "
                        + vmBThroughput, vmBThroughput.get(window) >= RESERVATION_BPS * 95 / 100);
            }

            assertNotNull("vmC's resumption is announced", resumed.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            List<String> timeline = timeline(shell("events --json"));
            assertInOrder(timeline, "nicmgr/hw/FLOOD_STARTED " + A_MAC, "nicmgr/dos/DETECTED vmA",
                    "nicmgr/dos/RESPONSE vmA", "nicmgr/vm/SUSPENDED vmC", "nicmgr/dos/ENDED vmA",
                    "nicmgr/hw/FLOOD_ENDED " + A_MAC, "nicmgr/vm/RESUMED vmC", "nicmgr/dos/RESPONSE_UNDONE vmA");
        } finally {
            handler.unregister();
        }
    }

    private void vm(String name, int priority, String vnicOptions) throws Exception {
        shell("vm:create " + name + " --priority " + priority);
        shell("vm:start " + name);
        shell("vnic:add " + name + " --uplink set1 " + vnicOptions);
    }

    private ServiceRegistration<EventHandler> subscribe(String topic, BlockingQueue<Event> events) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, topic);
        properties.put(EventConstants.EVENT_FILTER, "(vm=vmC)");
        return context.registerService(EventHandler.class, events::add, properties);
    }

    private long now() throws Exception {
        return number(shell("kernel:info --json"), "nowNanos");
    }

    private long rxBytes(String host) throws Exception {
        return number(shell("hw:host stats " + host + " --json"), "rxBytes");
    }

    private String uplinkOf(String vnic) throws Exception {
        return field(objectOf(shell("vnic:list --json"), "name", vnic), "\"uplink\":\"(\\w+)\"");
    }

    private String stateOf(String vm) throws Exception {
        return field(shell("vm:show " + vm + " --json"), "\"state\":\"(\\w+)\"");
    }

    /** "topic subject" of every event, oldest first. */
    private static List<String> timeline(String eventsJson) {
        List<String> timeline = new ArrayList<>();
        Matcher event = Pattern.compile("\"topic\":\"([^\"]+)\",\"subject\":\"([^\"]+)\"").matcher(eventsJson);
        while (event.find()) {
            timeline.add(event.group(1) + " " + event.group(2));
        }
        return timeline;
    }

    private static void assertInOrder(List<String> timeline, String... expected) {
        int from = 0;
        for (String entry : expected) {
            int at = timeline.subList(from, timeline.size()).indexOf(entry);
            assertTrue(entry + " after " + (from == 0 ? "the start" : timeline.get(from - 1)) + " in " + timeline,
                    at >= 0);
            from += at + 1;
        }
    }

    /** The first flat JSON object (up to its first closing brace) whose {@code key} is {@code value}. */
    static String objectOf(String json, String key, String value) {
        Matcher object = Pattern.compile("\\{\"" + key + "\":\"" + Pattern.quote(value) + "\".*?(?=\\{\"" + key
                + "\"|$)").matcher(json);
        assertTrue(key + " " + value + " in " + json, object.find());
        return object.group();
    }
}
