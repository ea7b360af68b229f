package org.nicmanager.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nicmanager.kernel.api.teaming.BondTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A bond of two drivers.linux NICs on veth pairs into the test's own namespace: {@code ip link set PEER down} on one
 * member's peer reaches the bond through rtnetlink as a carrier loss and fails it over, and plugging it back fails
 * back (issue 15, "Failover"). Needs root, as CI has.
 */
public class LinuxBondFailoverTest extends NicManagerTestSupport {

    private TestNamespace namespace;
    private String first;
    private String second;
    private String bond;

    @Before
    public void makeVethPairs() throws Exception {
        assumeTrue("needs root to make network namespaces", TestNamespace.possible());
        namespace = new TestNamespace();
        first = "la" + namespace.tag();
        second = "lb" + namespace.tag();
        bond = "bl" + namespace.tag();
        shell("linux:add " + first + " --interface " + namespace.addPair(0));
        shell("linux:add " + second + " --interface " + namespace.addPair(1));
    }

    @After
    public void removeEverything() throws Exception {
        if (namespace == null) {
            return;
        }
        for (String command : List.of("bond:delete " + bond, "linux:remove " + first, "linux:remove " + second)) {
            try {
                shell(command);
            } catch (IllegalArgumentException notThere) {
                // never made
            }
        }
        namespace.close();
    }

    @Test
    public void aPulledPeerFailsItsMemberOverAndPluggingItBackFailsBack() throws Exception {
        shell("bond:create " + bond + " --policy round-robin --failback immediate");
        shell("bond:add " + bond + " " + first + " " + second);
        String healthy = shell("bond:show " + bond + " --json");
        assertTrue(healthy, healthy.contains(member(first, "UP", true)));

        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, BondTopics.PREFIX + "*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            namespace.setPeerUp(0, false);
            awaitBondEvent(events, BondTopics.FAILOVER);
            String failedOver = shell("bond:show " + bond + " --json");
            assertTrue(failedOver, failedOver.contains(member(first, "DOWN", false)));
            assertTrue(failedOver, failedOver.contains(member(second, "UP", true)));
            assertTrue(failedOver, failedOver.contains("\"reason\":\"CARRIER_LOST\""));

            namespace.setPeerUp(0, true);
            awaitBondEvent(events, BondTopics.FAILBACK);
            String failedBack = shell("bond:show " + bond + " --json");
            assertTrue(failedBack, failedBack.contains(member(first, "UP", true)));
        } finally {
            handler.unregister();
        }
    }

    /** A member as {@code bond:show --json} lists it. */
    private static String member(String nic, String state, boolean active) {
        return "{\"name\":\"" + nic + "\",\"state\":\"" + state + "\",\"active\":" + active;
    }

    /** Waits for {@code topic} about the first member of this test's bond. */
    private void awaitBondEvent(BlockingQueue<Event> events, String topic) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + topic + " for " + first + " within " + WAIT_SECONDS + " s; saw " + seen, event);
            seen.add(event.getTopic() + " " + event.getProperty(BondTopics.NIC));
            if (event.getTopic().equals(topic) && bond.equals(event.getProperty(BondTopics.BOND))
                    && first.equals(event.getProperty(BondTopics.NIC))) {
                return;
            }
        }
    }
}
