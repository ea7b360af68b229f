package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.sim.api.SimTopics;
import org.nicmanager.testsupport.FrameBuilder;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** Simulated cards made with {@code hw:} commands, seen through the kernel's NIC services and {@code nic:} commands. */
public class SimulatedCardsTest extends NicManagerTestSupport {

    private static final long OTHER_MAC = 0x02_00_00_00_0F_01L;

    @Inject
    private NetworkWorld world;

    @Test
    public void theE100DropsAJumboFrameAndCountsIt() throws Exception {
        shell("hw:switch add swE");
        String added = shell("hw:nic add fast0 --model e100 --switch swE");
        assertTrue(added, added.contains("e100sim"));
        PhysicalNic nic = awaitService(PhysicalNic.class, "(" + PhysicalNic.NAME_PROPERTY + "=fast0)");

        // The NIC is called on the world thread only, as the kernel calls it.
        TransmitStatus jumbo = world.call(() -> nic.transmit(frame(nic, 9000)));
        TransmitStatus standard = world.call(() -> nic.transmit(frame(nic, 1514)));
        NicCounters counters = world.call(nic::counters);

        assertEquals(TransmitStatus.TOO_LONG, jumbo);
        assertEquals(TransmitStatus.ACCEPTED, standard);
        assertEquals(1, counters.txDropsTooLong());
        String shown = shell("nic:show fast0 --json");
        assertTrue(shown, shown.startsWith("{\"name\":\"fast0\",\"driver\":\"e100sim\","));
        assertTrue(shown, shown.contains("\"speedBps\":100000000,\"mtuBytes\":1500,"));
        assertTrue(shown, shown.contains("\"txDropsTooLong\":1,"));
    }

    @Test
    public void unpluggingACardShowsItDownAndPostsAnEvent() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/hw/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            shell("hw:switch add swU");
            shell("hw:nic add gig0 --model e1000 --switch swU");
            assertTrue(shell("nic:list --json").contains("{\"name\":\"gig0\",\"driver\":\"e1000sim\","
                    + "\"speedBps\":1000000000,\"state\":\"UP\","));

            String unplugged = shell("hw:unplug gig0");
            assertTrue(unplugged, unplugged.contains("DOWN"));
            assertTrue(shell("nic:list --json").contains("{\"name\":\"gig0\",\"driver\":\"e1000sim\","
                    + "\"speedBps\":1000000000,\"state\":\"DOWN\","));
            Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + SimTopics.UNPLUGGED + " event within " + WAIT_SECONDS + " s", event);
            assertEquals(SimTopics.UNPLUGGED, event.getTopic());
            assertEquals("gig0", event.getProperty(SimTopics.SUBJECT));
            assertTrue(event.getProperty(SimTopics.TIME) instanceof Long);

            shell("hw:plug gig0");
            assertTrue(shell("nic:list --json").contains("{\"name\":\"gig0\",\"driver\":\"e1000sim\","
                    + "\"speedBps\":1000000000,\"state\":\"UP\","));
            assertEquals(SimTopics.PLUGGED, events.poll(WAIT_SECONDS, TimeUnit.SECONDS).getTopic());
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void anExternalHostSendsTheFramesCountedAndThenStops() throws Exception {
        shell("hw:switch add swC");
        shell("hw:host add tx2 --switch swC --ip 10.0.0.3 --mac 02:00:00:00:01:03");
        shell("hw:host add rx2 --switch swC --mac 02:00:00:00:01:04");
        String started = shell("hw:traffic tx2 --to rx2 --rate 1kpps --frame 200 --flows 2 --count 7");
        assertTrue(started, started.matches("(?s).*\\bframeCount +7\\b.*"));
        shell("kernel:advance 1s");
        String stats = shell("hw:host stats rx2 --json");
        assertTrue(stats, stats.startsWith("{\"name\":\"rx2\",\"rxFrames\":7,\"rxBytes\":1400,\"lostFrames\":0,"));
        shell("kernel:advance 1s");
        String later = shell("hw:host stats rx2 --json");
        assertTrue("nothing after the count: " + later, later.startsWith("{\"name\":\"rx2\",\"rxFrames\":7,"));
    }

    @Test
    public void anExternalHostCountsWhatItReceivesPerFlow() throws Exception {
        shell("hw:switch add swH");
        shell("hw:host add tx1 --switch swH --ip 10.0.0.1 --mac 02:00:00:00:01:01");
        shell("hw:host add rx1 --switch swH --mac 02:00:00:00:01:02");
        // 1 Mb/s of 500-byte frames over two flows for one second: 250 frames, 125 per flow.
        shell("hw:traffic tx1 --to rx1 --rate 1Mbps --frame 500 --flows 2 --for 1s");
        shell("kernel:advance 2s");
        String stats = shell("hw:host stats rx1 --json");
        assertTrue(stats, stats.startsWith("{\"name\":\"rx1\",\"rxFrames\":250,\"rxBytes\":125000,\"lostFrames\":0,"
                + "\"reorderedFrames\":0,\"flows\":[{\"sender\":\"02:00:00:00:01:01\",\"id\":0,\"rxFrames\":125,"
                + "\"lostFrames\":0,\"reorderedFrames\":0},{\"sender\":\"02:00:00:00:01:01\",\"id\":1,\"rxFrames\":125,"
                + "\"lostFrames\":0,\"reorderedFrames\":0}],"));
        assertTrue(stats, !stats.contains("\n"));
    }

    /** A frame of {@code lengthBytes} (Ethernet header included) from the NIC to another station: IPv4, all zeros. */
    private static FrameBuffer frame(PhysicalNic nic, int lengthBytes) {
        return FrameBuilder.ethernet(OTHER_MAC, nic.macAddress()).etherType(FrameHeaders.ETHERTYPE_IPV4)
                .padTo(lengthBytes).buildBuffer();
    }

    @Override
    protected List<Option> extraOptions() {
        return List.of(testSupportBundle());
    }
}
