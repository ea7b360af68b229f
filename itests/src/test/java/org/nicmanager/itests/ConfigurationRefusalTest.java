package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.nicmanager.kernel.api.config.ConfigTopics;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A bad value written into a running component's configuration is refused, with an event naming the configuration,
 * key, value and what is allowed, and the component runs on with its last good settings (issue 13): a pool of no
 * buffers, or of more than memory holds, leaves the simulated world and its NICs standing; an action timeout of 0
 * leaves the kernel answering.
 */
public class ConfigurationRefusalTest extends NicManagerTestSupport {

    private static final String SIM_PID = "org.nicmanager.sim.network";
    private static final String KERNEL_PID = "org.nicmanager.kernel";

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void aPoolOfNoBuffersOrOfTooManyIsRefusedAndTheWorldRunsOn() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events, ConfigTopics.REFUSED, "nicmgr/nic/*");
        shell("hw:switch add swP --ports 4");
        shell("hw:nic add p0 --model e1000 --switch swP");
        Configuration network = configurations.getConfiguration(SIM_PID, "?");
        try {
            // Events are delivered asynchronously: take p0's own arrival first, so that only a rebuild can post more.
            Event added = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("p0 was not reported added within " + WAIT_SECONDS + " s", added);
            assertEquals(NicTopics.ADDED, added.getTopic());
            assertEquals("p0", added.getProperty(NicTopics.NAME));
            for (int bad : new int[] {0, Integer.MAX_VALUE}) {
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put("poolBuffers", bad);
                network.update(properties);

                Event refused = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertNotNull("no refusal of poolBuffers " + bad + " within " + WAIT_SECONDS + " s", refused);
                assertEquals(ConfigTopics.REFUSED, refused.getTopic());
                assertEquals(SIM_PID, refused.getProperty("pid"));
                assertEquals("poolBuffers", refused.getProperty("key"));
                assertEquals(String.valueOf(bad), refused.getProperty("value"));
                assertEquals("a whole number from 1 to 131072", refused.getProperty("allowed"));

                String nics = shell("nic:list --json");
                assertTrue("the NIC is still there: " + nics, nics.contains("{\"name\":\"p0\","));
                String topology = shell("hw:topology --json");
                assertTrue(topology, topology.contains("{\"name\":\"swP\",\"ports\":4,\"portsInUse\":1,"));
            }
            assertNull("the world was not rebuilt: no NIC left or came", events.poll(0, TimeUnit.SECONDS));
        } finally {
            handler.unregister();
            network.delete();
        }
    }

    @Test
    public void anActionTimeoutOfZeroIsRefusedAndTheKernelAnswers() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events, ConfigTopics.REFUSED);
        Configuration kernel = configurations.getConfiguration(KERNEL_PID, "?");
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("actionTimeoutMs", 0L);
            kernel.update(properties);

            Event refused = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no refusal of actionTimeoutMs 0 within " + WAIT_SECONDS + " s", refused);
            assertEquals(KERNEL_PID, refused.getProperty("pid"));
            assertEquals("actionTimeoutMs", refused.getProperty("key"));
            assertEquals("0", refused.getProperty("value"));
            assertEquals("a whole number from 100 to 86400000", refused.getProperty("allowed"));
            assertEquals("configuration org.nicmanager.kernel refused: actionTimeoutMs = 0 is not allowed; allowed: a"
                    + " whole number from 100 to 86400000; the settings in force stay", refused.getProperty("message"));

            assertTrue(shell("kernel:info").contains("VIRTUAL"));
            shell("kernel:advance 1s");
        } finally {
            handler.unregister();
            kernel.delete();
        }
    }

    private ServiceRegistration<EventHandler> listen(BlockingQueue<Event> events, String... topics) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, topics);
        return context.registerService(EventHandler.class, events::add, properties);
    }
}
