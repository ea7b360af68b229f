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
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Issue 18 point 4 through the shell, on simulated hardware in virtual time: a reservation is admitted against what
 * the uplink carries with every member up and selected, so a {@code net:alloc} made while LACP still negotiates is
 * accepted, shown broken (GUARANTEE_BROKEN) and then shown holding (GUARANTEE_RESTORED); only what could never fit is
 * refused, naming the value and that capacity, and the refusal changes nothing.
 */
public class ReservationAdmissionTest extends NicManagerTestSupport {

    /** An LACP bond of two e1000 cards facing an active fast switch, and a running VM with a virtual NIC on it. */
    private void lacpBondWithVm(String id) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8 --lacp active --lacp-rate fast");
        shell("hw:nic add a" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add b" + id + " --model e1000 --switch sw" + id);
        shell("bond:create bond" + id + " --policy hash-l34 --lacp active --lacp-rate fast");
        shell("bond:add bond" + id + " a" + id + " b" + id);
        vmOn("web" + id, "bond" + id);
    }

    private void vmOn(String vm, String uplink) throws Exception {
        shell("vm:create " + vm + " --priority 5");
        shell("vm:start " + vm);
        shell("vnic:add " + vm + " --uplink " + uplink);
    }

    @Test
    public void aReservationMadeDuringLacpNegotiationIsAcceptedShownBrokenThenShownHolding() throws Exception {
        BlockingQueue<Event> guarantees = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = subscribe(guarantees);
        try {
            lacpBondWithVm("1");
            assertTrue("still negotiating: nothing distributes yet",
                    shell("lacp:show bond1 --json").contains("\"aggregator\":\"DOWN\""));

            String admitted = shell("net:alloc web1 --reservation 500Mbps --json");
            assertTrue(admitted, admitted.contains("\"reservationBps\":500000000"));
            assertTrue(admitted, admitted.contains("\"guarantee\":\"BROKEN\",\"uplinkCapacityBps\":0"));
            String text = shell("net:show web1");
            assertTrue(text, text.contains("BROKEN (bond1 carries 0bps now)"));
            String stats = shell("net:stats --json");
            assertTrue(stats, stats.contains("{\"name\":\"bond1\",\"capacityBps\":0,\"admissibleCapacityBps\""
                    + ":2000000000"));
            assertEquals("BROKEN", field(stats, "\"name\":\"web1\".*?\"guarantee\":\"(\\w+)\""));
            Event broken = next(guarantees);
            assertEquals(ResourceTopics.GUARANTEE_BROKEN, broken.getTopic());
            assertEquals("web1", broken.getProperty(ResourceTopics.SUBJECT));
            assertEquals(2_000_000_000L, broken.getProperty(ResourceTopics.ADMISSIBLE_CAPACITY_BPS));

            shell("kernel:advance 3s");
            assertTrue(shell("lacp:show bond1 --json").contains("\"aggregator\":\"UP\""));
            String holding = shell("net:show web1 --json");
            assertTrue(holding, holding.contains("\"guarantee\":\"HOLDS\",\"uplinkCapacityBps\":2000000000"));
            assertTrue(shell("net:show web1").contains("HOLDS (bond1 carries 2Gbps now)"));
            Event restored = next(guarantees);
            assertEquals(ResourceTopics.GUARANTEE_RESTORED, restored.getTopic());
            assertEquals("web1", restored.getProperty(ResourceTopics.SUBJECT));
            String timeline = shell("events --json");
            assertTrue(timeline, timeline.contains("\"topic\":\"" + ResourceTopics.GUARANTEE_BROKEN
                    + "\",\"subject\":\"web1\""));
            assertTrue(timeline, timeline.contains("\"topic\":\"" + ResourceTopics.GUARANTEE_RESTORED
                    + "\",\"subject\":\"web1\""));
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void aReservationThatCouldNeverFitIsRefusedNamingTheValueAndTheCapacityAndChangesNothing() throws Exception {
        lacpBondWithVm("2");
        String before = shell("net:show web2 --json");
        assertRefused("net:alloc web2 --reservation 2500Mbps", "reservation 2.5Gbps for VM web2 does not fit uplink"
                + " bond2: its capacity with every member up and selected is 2Gbps and other VMs reserve 0bps there,"
                + " leaving 2Gbps (it carries 0bps now)");
        assertEquals("a refused reservation changes nothing", before, shell("net:show web2 --json"));
        shell("kernel:advance 3s");
        assertRefused("net:alloc web2 --reservation 2500Mbps", "is 2Gbps and other VMs reserve 0bps there, leaving"
                + " 2Gbps (it carries 2Gbps now)");
    }

    @Test
    public void onAFailoverOrderBondOneMembersRateIsAdmittedWhateverTheLinksDo() throws Exception {
        shell("hw:switch add sw3 --ports 8");
        shell("hw:nic add a3 --model e1000 --switch sw3");
        shell("hw:nic add b3 --model e1000 --switch sw3");
        shell("bond:create bond3 --policy failover-order");
        shell("bond:add bond3 a3 b3");
        vmOn("app3", "bond3");
        vmOn("db3", "bond3");
        shell("net:alloc app3 --reservation 700Mbps");
        assertRefused("net:alloc db3 --reservation 700Mbps", "reservation 700Mbps for VM db3 does not fit uplink"
                + " bond3: its capacity with every member up and selected is 1Gbps and other VMs reserve 700Mbps"
                + " there, leaving 300Mbps");
        shell("hw:unplug a3");
        shell("hw:unplug b3");
        shell("kernel:advance 100ms");
        String admitted = shell("net:alloc db3 --reservation 300Mbps --json");
        assertTrue("fits one member, though none carries now: " + admitted,
                admitted.contains("\"guarantee\":\"BROKEN\",\"uplinkCapacityBps\":0"));
    }

    private ServiceRegistration<EventHandler> subscribe(BlockingQueue<Event> events) {
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, new String[] {ResourceTopics.GUARANTEE_BROKEN,
            ResourceTopics.GUARANTEE_RESTORED});
        return context.registerService(EventHandler.class, events::add, topics);
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull("no guarantee event within " + WAIT_SECONDS + " s", event);
        return event;
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }
}
