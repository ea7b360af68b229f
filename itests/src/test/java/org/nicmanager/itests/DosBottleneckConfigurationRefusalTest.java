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
import org.nicmanager.kernel.api.config.ConfigTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Issue 13 for the DoS defence and the bottleneck reaction: a bad value written into their running configurations
 * (here a word where DS expects a number, which DS cannot even convert) is refused with an event naming the
 * configuration, the key, the value and what is allowed, and each component goes on serving with its last good
 * settings: {@code dos:detector} still lists the detector's window, {@code vm:bottleneck} still shows its policy.
 */
public class DosBottleneckConfigurationRefusalTest extends NicManagerTestSupport {

    private static final String SYN_PID = "org.nicmanager.dos.detector.syn";
    private static final String DOS_PID = "org.nicmanager.dos";
    private static final String BOTTLENECK_PID = "org.nicmanager.vm.bottleneck";

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void badDosValuesAreRefusedAndTheDetectorsKeepTheirSettings() throws Exception {
        shell("dos:detector syn --window 70ms");
        assertTrue(shell("dos:detector --json").contains("\"windowMs\":70"));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events);
        Configuration detector = configurations.getConfiguration(SYN_PID, "?");
        Configuration defence = configurations.getConfiguration(DOS_PID, "?");
        try {
            detector.update(properties("windowMs", "lots"));
            Event refused = next(events, SYN_PID);
            assertEquals("windowMs", refused.getProperty("key"));
            assertEquals("\"lots\"", refused.getProperty("value"));
            assertEquals("a whole number from 1 to 3600000", refused.getProperty("allowed"));

            defence.update(properties("historyDetections", "lots"));
            refused = next(events, DOS_PID);
            assertEquals("historyDetections", refused.getProperty("key"));
            assertEquals("configuration org.nicmanager.dos refused: historyDetections = \"lots\" is not allowed;"
                    + " allowed: a whole number from 1 to 100000; the settings in force stay",
                    refused.getProperty("message"));

            String detectors = shell("dos:detector --json");
            assertTrue("the SYN detector keeps its window: " + detectors, detectors.contains("\"windowMs\":70"));
            assertTrue(shell("dos:status").length() > 0);
        } finally {
            handler.unregister();
            detector.delete();
            defence.delete();
        }
    }

    @Test
    public void aBadBottleneckValueIsRefusedAndThePolicyStays() throws Exception {
        shell("vm:bottleneck suspend-by-priority");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events);
        Configuration bottleneck = configurations.getConfiguration(BOTTLENECK_PID, "?");
        try {
            bottleneck.update(properties("checkPeriodMs", "lots"));
            Event refused = next(events, BOTTLENECK_PID);
            assertEquals("checkPeriodMs", refused.getProperty("key"));
            assertEquals("\"lots\"", refused.getProperty("value"));
            assertEquals("a whole number from 1 to 60000", refused.getProperty("allowed"));

            String view = shell("vm:bottleneck");
            assertTrue("the policy in force stays: " + view, view.contains("suspend-by-priority"));
        } finally {
            handler.unregister();
            bottleneck.delete();
        }
    }

    private static Dictionary<String, Object> properties(String key, Object value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }

    /** The next refusal, which must be of {@code pid}. */
    private static Event next(BlockingQueue<Event> events, String pid) throws InterruptedException {
        Event refused = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("no refusal of " + pid + " within " + WAIT_SECONDS + " s", refused);
        assertEquals(pid, refused.getProperty("pid"));
        return refused;
    }

    private ServiceRegistration<EventHandler> listen(BlockingQueue<Event> events) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, ConfigTopics.REFUSED);
        return context.registerService(EventHandler.class, events::add, properties);
    }
}
