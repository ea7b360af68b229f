package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Cluster VMs in the framework (issue 16 points 2-3), on a host with an embedded ZooKeeper server: {@code vm:create}
 * makes a cluster VM, {@code vm:start} places it (the leader chooses; {@code --on} names a host), {@code vm:list}
 * shows its host, and when the host's session ends its frames are dropped NOT_OWNER by the resource manager, never
 * sent.
 */
public class ClusterVmsFrameworkTest extends NicManagerTestSupport {

    private static final String PID = "org.nicmanager.cluster";
    private static final String HOST_ID = "fw-host";

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void aClusterVmIsPlacedListedWithItsHostAndFencedWhenItsHostsSessionEnds() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/cluster/*");
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class, events::add, topics);
        Configuration cluster = configurations.getConfiguration(PID, "?");
        boolean joined = true;
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("connectString", "embedded:0");
            properties.put("hostId", HOST_ID);
            properties.put("sessionTimeoutMs", 4000);
            properties.put("dataDirectory", temporaryFolder("cluster-vms").resolve("zookeeper").toString());
            cluster.update(properties);
            awaitEvent(events, "nicmgr/cluster/LEADER_ELECTED", HOST_ID);

            shell("hw:switch add swF --ports 4");
            shell("hw:nic add fnic --model e1000 --switch swF");
            shell("hw:host add fh --switch swF --mac 02:00:00:00:7f:01");
            shell("vm:create fweb --priority 7");
            shell("vnic:add fweb --uplink fnic");
            shell("net:alloc fweb --reservation 100Mbps");
            awaitEvent(events, "nicmgr/cluster/VM_PUBLISHED", "fweb");
            String created = shell("vm:list");
            assertTrue(created, created.matches("(?s).*fweb\\s+-\\s+CREATED.*"));

            try {
                shell("vm:start fweb --on esx9");
                fail("placed on an unknown host");
            } catch (IllegalArgumentException refused) {
                assertEquals("unknown or dead host 'esx9' for VM fweb; live hosts: " + HOST_ID, refused.getMessage());
            }
            assertEquals("VM fweb placed on host " + HOST_ID, shell("vm:start fweb"));
            String listed = awaitShell("vm:list --json", json -> json.contains("\"state\":\"RUNNING\""));
            assertTrue(listed, listed.contains("{\"name\":\"fweb\",\"host\":\"" + HOST_ID + "\",\"state\":\"RUNNING\""));

            shell("guest:traffic fweb --to fh --rate 10Mbps --frame 500 --count 1000000");
            shell("kernel:advance 10ms");
            String sending = shell("net:stats --json");
            assertTrue(sending, count(sending, "sentFrames") > 0);
            assertEquals(sending, 0, count(sending, "NOT_OWNER"));

            cluster.delete(); // the host leaves: its session ends, and it owns nothing from that moment
            joined = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            String fenced = sending;
            while (count(fenced, "NOT_OWNER") == 0 && System.nanoTime() < deadline) {
                shell("kernel:advance 1ms");
                fenced = shell("net:stats --json");
            }
            assertTrue("no NOT_OWNER drops: " + fenced, count(fenced, "NOT_OWNER") > 0);
            long sentWhenFenced = count(fenced, "sentFrames");
            shell("kernel:advance 10ms");
            String after = shell("net:stats --json");
            assertEquals("nothing is sent for a VM this host does not own: " + after, sentWhenFenced,
                    count(after, "sentFrames"));
            assertTrue(after, count(after, "NOT_OWNER") > count(fenced, "NOT_OWNER"));
        } finally {
            if (joined) {
                cluster.delete();
            }
            listener.unregister();
            shell("guest:stop fweb");
            shell("vm:stop fweb");
            shell("vm:delete fweb");
        }
    }

    /** The VM's figure of that name in {@code net:stats --json} (the first after its name). */
    private static long count(String stats, String key) {
        Matcher matcher = Pattern.compile("\"name\":\"fweb\".*?\"" + key + "\":(\\d+)").matcher(stats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private String awaitShell(String command, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String output = "";
        while (System.nanoTime() < deadline) {
            output = shell(command);
            if (wanted.test(output)) {
                return output;
            }
        }
        throw new AssertionError(command + " not as wanted within " + WAIT_SECONDS + " s: " + output);
    }

    private static void awaitEvent(BlockingQueue<Event> events, String topic, String subject)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && event.getTopic().equals(topic) && subject.equals(event.getProperty("subject"))) {
                return;
            }
        }
        throw new AssertionError("no " + topic + " for " + subject + " within " + WAIT_SECONDS + " s");
    }
}
