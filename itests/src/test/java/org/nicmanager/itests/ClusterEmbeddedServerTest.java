package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A host configured as {@code --cluster embedded:0} configures it: a standalone ZooKeeper server in the host, on any
 * free port, which the host joins and, alone, leads.
 */
public class ClusterEmbeddedServerTest extends NicManagerTestSupport {

    private static final String PID = "org.nicmanager.cluster";
    private static final String HOST_ID = "itest-host";

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void aHostWithAnEmbeddedServerComesUpConnectedAndLeading() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/cluster/*");
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class, events::add, topics);
        Configuration cluster = configurations.getConfiguration(PID, "?");
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("connectString", "embedded:0");
            properties.put("hostId", HOST_ID);
            properties.put("sessionTimeoutMs", 4000);
            properties.put("dataDirectory", temporaryFolder("cluster-itest").resolve("zookeeper").toString());
            cluster.update(properties);

            awaitEvent(events, "nicmgr/cluster/LEADER_ELECTED");
            String status = shell("cluster:status --json");
            assertTrue(status, status.contains("\"hostId\":\"" + HOST_ID + "\""));
            assertTrue(status, status.contains("\"membership\":\"JOINED\""));
            assertTrue(status, status.contains("\"session\":\"CONNECTED\""));
            assertTrue(status, status.contains("\"leader\":\"" + HOST_ID + "\""));
            assertTrue(status, status.contains("\"leading\":true"));
            assertTrue(status, status.contains("\"embeddedServer\":true"));
            assertTrue(status, field(status, "\"ensemble\":\"([^\"]+)\"").matches("127\\.0\\.0\\.1:\\d+"));

            String hosts = awaitHosts(document -> document.contains("\"hostId\":\"" + HOST_ID + "\""));
            assertTrue(hosts, hosts.startsWith("{\"leader\":\"" + HOST_ID + "\",\"hosts\":[{\"hostId\":\"" + HOST_ID
                    + "\""));
            assertEquals(1, hosts.split("\"hostId\"", -1).length - 1);
            assertTrue(shell("cluster:hosts"), shell("cluster:hosts").contains(HOST_ID));

            // The record follows the host: a new NIC (nicmgr/nic/ADDED) becomes an uplink in it.
            shell("hw:switch add swC");
            shell("hw:nic add cnic0 --model e1000 --switch swC");
            String updated = awaitHosts(document -> document.contains("{\"name\":\"cnic0\",\"nics\":[\"cnic0\"]"));
            assertTrue(updated, updated.contains("\"uplinks\":[{\"name\":\"cnic0\""));
        } finally {
            cluster.delete(); // the host leaves the cluster and its embedded server stops
            listener.unregister();
        }
    }

    /** Asks for {@code cluster:hosts --json} until it is as wanted, up to {@link #WAIT_SECONDS}. */
    private String awaitHosts(java.util.function.Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String hosts = "";
        while (System.nanoTime() < deadline) {
            hosts = shell("cluster:hosts --json");
            if (wanted.test(hosts)) {
                return hosts;
            }
        }
        throw new AssertionError("cluster:hosts not as wanted within " + WAIT_SECONDS + " s: " + hosts);
    }

    private static Event awaitEvent(BlockingQueue<Event> events, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && event.getTopic().equals(topic)) {
                assertNotNull(event.getProperty("details"));
                return event;
            }
        }
        throw new AssertionError("no " + topic + " within " + WAIT_SECONDS + " s");
    }
}
