package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.nicmanager.kernel.api.teaming.BondTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Issue 13 point 4, as an operator meets it: a bond of an e100 (MTU 1500) and an e1000 (MTU 9000), round-robin, and a
 * VM sending 9000-byte packets. No frame goes to the member that cannot carry it while the other can; {@code bond:add}
 * and an event tell the operator of the mismatch; and {@code net:stats} accounts for every frame of the VM by reason,
 * offered = delivered + dropped + queued, also across a pulled cable.
 */
public class MixedMtuBondTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:98:";
    /** A 9000-byte packet in an Ethernet frame. */
    private static final int JUMBO_FRAME_BYTES = 9014;

    /** A switch, an e100 and an e1000 card, an external host; the bond is made, not yet given its members. */
    private void setUp(String id) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add small" + id + " --model e100 --switch sw" + id);
        shell("hw:nic add big" + id + " --model e1000 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac " + HOST_MAC + id);
        shell("bond:create bond" + id + " --policy round-robin --failback immediate");
    }

    private void startVm(String id) throws Exception {
        shell("vm:create vm" + id);
        shell("vm:start vm" + id);
        shell("vnic:add vm" + id + " --uplink bond" + id);
    }

    @Test
    public void jumboFramesGoOnlyThroughTheMemberThatCarriesThemAndTheOperatorIsTold() throws Exception {
        BlockingQueue<Event> mismatches = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, BondTopics.MTU_MISMATCH);
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, mismatches::add,
                topics);
        try {
            setUp("40");
            String equal = shell("bond:add bond40 big40");
            assertTrue(equal, !equal.contains("MTUs differ"));
            String answer = shell("bond:add bond40 small40");
            assertTrue(answer, answer.contains("members' MTUs differ (big40 9000, small40 1500): the bond's MTU is"
                    + " 1500"));
            assertTrue(answer, answer.contains("larger frames go only through big40"));
            Event event = mismatches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("an MTU_MISMATCH event", event);
            assertEquals("bond40", event.getProperty(BondTopics.BOND));
            assertEquals("small40", event.getProperty(BondTopics.NIC));
            assertEquals(1500, event.getProperty(BondTopics.NIC_MTU_BYTES));
            assertEquals(1500, event.getProperty(BondTopics.MTU_BYTES));
        } finally {
            handler.unregister();
        }
        String show = shell("bond:show bond40 --json");
        assertTrue(show, show.contains("\"mtuBytes\":1500,\"memberMtus\":{\"big40\":9000,\"small40\":1500}"));

        startVm("40");
        shell("guest:traffic vm40 --to " + HOST_MAC + "40 --rate 300Mbps --frame " + JUMBO_FRAME_BYTES
                + " --count 4000");
        shell("kernel:advance 2s");

        String bond = shell("bond:show bond40 --json");
        assertEquals("the e100 was handed none", 0, memberFrames(bond, "small40"));
        assertEquals(4000, memberFrames(bond, "big40"));
        assertEquals(2000, number(bond, "mtuRedirects"));
        assertEquals(0, number(bond, "droppedFrames"));
        assertEquals(4000, flowFrames(shell("hw:host stats h40 --json")));

        String vm = vmStats(shell("net:stats --json"), "vm40");
        assertEquals(4000, number(vm, "offeredFrames"));
        assertEquals(4000, number(vm, "deliveredFrames"));
        assertEquals(0, number(vm, "droppedFrames"));
        assertEquals(0, number(vm, "queuedFrames"));
    }

    @Test
    public void everyFrameOfTheVmIsAccountedForByReasonAcrossAPulledCable() throws Exception {
        setUp("41");
        shell("bond:add bond41 small41 big41");
        startVm("41");
        shell("guest:traffic vm41 --to " + HOST_MAC + "41 --rate 300Mbps --frame " + JUMBO_FRAME_BYTES
                + " --for 2s");
        shell("kernel:advance 300ms");
        shell("hw:unplug big41"); // the e1000 goes: no carrying member can take a jumbo frame now
        shell("kernel:advance 7ms");
        shell("kernel:advance 333us"); // an odd instant: frames wait in the VM's queue, the bond or a ring

        String midRun = vmStats(shell("net:stats --json"), "vm41");
        Map<String, Long> dropped = reasons(midRun, "dropped");
        assertTrue(midRun, dropped.getOrDefault("TOO_LONG", 0L) > 0);
        assertEquals("offered = delivered + dropped by reason + queued: " + midRun, number(midRun, "offeredFrames"),
                number(midRun, "deliveredFrames") + sum(dropped) + number(midRun, "queuedFrames"));
        assertEquals(sum(dropped), number(midRun, "droppedFrames"));
        assertEquals(number(midRun, "queuedFrames"),
                number(midRun, "schedulerQueuedFrames") + number(midRun, "uplinkQueuedFrames"));
        String vnic = shell("vnic:list --json");
        assertEquals("the virtual NIC shows the same drops downstream: " + vnic, dropped.get("TOO_LONG"),
                reasons(vnic, "txDropped").get("TOO_LONG"));
        assertEquals(0, memberFrames(shell("bond:show bond41 --json"), "small41"));

        shell("hw:plug big41");
        shell("kernel:advance 3s");
        String drained = vmStats(shell("net:stats --json"), "vm41");
        Map<String, Long> droppedAfter = reasons(drained, "dropped");
        assertEquals(0, number(drained, "queuedFrames"));
        assertEquals(drained, number(drained, "offeredFrames"),
                number(drained, "deliveredFrames") + sum(droppedAfter));
        // Delivered is what left the host's NICs: the host got all of it, but for a frame on the cable at the pull.
        long cutOnTheCable = number(objectOf(shell("hw:topology --json"), "device", "big41"), "lostFrames");
        assertEquals(number(drained, "deliveredFrames"),
                flowFrames(shell("hw:host stats h41 --json")) + cutOnTheCable);
    }

    /** The {@code net:stats} entry of one VM: from its name to the end of its object. */
    private static String vmStats(String json, String vm) {
        // (Scalar fields after windowNs, such as starvedNanos, belong to the entry too.)
        Matcher entry = Pattern.compile("\\{\"name\":\"" + vm + "\".*?\"windowNs\":\\d+[^{}]*\\}").matcher(json);
        assertTrue(json, entry.find());
        return entry.group();
    }

    /** A map of reasons to counts, the first one named {@code key}. */
    private static Map<String, Long> reasons(String json, String key) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher reason = Pattern.compile("\"([A-Z_]+)\":(\\d+)").matcher(field(json, "\"" + key + "\":\\{([^}]*)\\}"));
        while (reason.find()) {
            counts.put(reason.group(1), Long.parseLong(reason.group(2)));
        }
        return counts;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String objectOf(String json, String key, String value) {
        Matcher object = Pattern.compile("\\{\"" + key + "\":\"" + value + "\"[^}]*\\}").matcher(json);
        assertTrue(json, object.find());
        return object.group();
    }

    /** Frames of the VM's flow (flow 0) the host received. */
    private static long flowFrames(String hostStats) {
        return Long.parseLong(field(hostStats, "\"flows\":\\[\\{\"sender\":\"[^\"]+\",\"id\":0,\"rxFrames\":(\\d+)"));
    }

    private static long memberFrames(String bond, String member) {
        return Long.parseLong(field(bond, "\\{\"name\":\"" + member + "\"[^}]*\"txFrames\":(\\d+)"));
    }
}
