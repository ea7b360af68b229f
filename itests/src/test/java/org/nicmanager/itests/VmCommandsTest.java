package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** The VM registry through the shell, as an operator drives it: lifecycle, listing, refusals and events. */
public class VmCommandsTest extends NicManagerTestSupport {

    @Test
    public void aVmIsCreatedStartedListedAndAnnounced() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/vm/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            shell("vm:create web1 --priority 8");
            shell("vm:start web1");
            assertEquals("{\"vms\":[{\"name\":\"web1\",\"state\":\"RUNNING\",\"priority\":8,\"vnics\":[]}]}",
                    shell("vm:list --json"));
            assertEvent(events.poll(WAIT_SECONDS, TimeUnit.SECONDS), VmTopics.CREATED, "CREATED");
            assertEvent(events.poll(WAIT_SECONDS, TimeUnit.SECONDS), VmTopics.STARTED, "RUNNING");
        } finally {
            handler.unregister();
            shell("vm:stop web1");
            shell("vm:delete web1");
        }
    }

    @Test
    public void forbiddenStepsAndBadValuesAreRefusedAndChangeNothing() throws Exception {
        shell("vm:create db");
        String before = shell("vm:list --json");
        assertRefused("vm:stop db", "cannot stop VM db: it is CREATED");
        assertRefused("vm:create db", "a VM named 'db' already exists");
        assertRefused("vm:create big --priority 11", "priority 11 is outside 0..10");
        assertRefused("vm:start ghost", "no VM named 'ghost'");
        assertEquals(before, shell("vm:list --json"));
        shell("vm:delete db");
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }

    private static void assertEvent(Event event, String topic, String state) {
        assertNotNull("no " + topic + " event", event);
        assertEquals(topic, event.getTopic());
        assertEquals("web1", event.getProperty(VmTopics.VM));
        assertEquals(state, event.getProperty(VmTopics.STATE));
    }
}
