package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Switches and cards added with {@code hw:} commands are configuration: when the simulated network's own
 * configuration changes and the world is rebuilt, they are built again; what is not configuration (hosts) is not.
 * The test holds no NIC inventory service on purpose: the kernel's inventory must track NICs by itself.
 */
public class WorldRebuildTest extends NicManagerTestSupport {

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void aReconfiguredWorldRebuildsTheConfiguredSwitchesAndCards() throws Exception {
        shell("hw:switch add swR --ports 4");
        shell("hw:nic add r0 --model e100 --switch swR");
        shell("hw:host add hostR --switch swR");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/nic/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            Configuration network = configurations.getConfiguration("org.nicmanager.sim.network", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("seed", 7L);
            network.update(properties);

            assertNicEvent(events.poll(WAIT_SECONDS, TimeUnit.SECONDS), NicTopics.REMOVED);
            assertNicEvent(events.poll(WAIT_SECONDS, TimeUnit.SECONDS), NicTopics.ADDED);
            String topology = shell("hw:topology --json");
            assertTrue(topology, topology.contains("{\"name\":\"swR\",\"ports\":4,\"portsInUse\":1,"));
            assertTrue(topology, topology.contains("{\"device\":\"r0\",\"kind\":\"NIC\","));
            assertFalse("hosts are not configuration yet: " + topology, topology.contains("hostR"));
            assertTrue(shell("nic:list --json").contains("{\"name\":\"r0\",\"driver\":\"e100sim\","));
        } finally {
            handler.unregister();
        }
    }

    private static void assertNicEvent(Event event, String topic) {
        assertNotNull("no " + topic + " event within " + WAIT_SECONDS + " s", event);
        assertEquals(topic, event.getTopic());
        assertEquals("r0", event.getProperty(NicTopics.NAME));
    }
}
