package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.testsupport.FakeNic;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;



/** The platform in a running framework: wiring, the virtual-time scheduler, the NIC inventory, commands, logging. */
public class PlatformTest extends NicManagerTestSupport {

    private static final long SECOND = 1_000_000_000L;

    @Inject
    private NetworkWorld world;

    @Inject
    private KernelScheduler scheduler;

    @Inject
    private NicInventory inventory;

    @Inject
    private ServiceComponentRuntime scr;

    @Override
    protected List<Option> extraOptions() {
        return List.of(testSupportBundle());
    }

    @Test
    public void everyBundleOfTheRunDescriptorIsActive() {
        Set<String> expected = new TreeSet<>(Arrays.asList(context.getProperty(RUN_BUNDLES_PROPERTY).split(",")));
        Map<String, Bundle> installed = Arrays.stream(context.getBundles())
                .collect(Collectors.toMap(Bundle::getSymbolicName, bundle -> bundle, (a, b) -> a));
        assertTrue("the run descriptor lists our bundles: " + expected, expected.contains("kernel.core"));
        for (String name : expected) {
            Bundle bundle = installed.get(name);
            assertNotNull(name + " is not installed", bundle);
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            assertEquals(name + " state", fragment ? Bundle.RESOLVED : Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void everyComponentIsSatisfiedExceptTheLauncherOutsideTheLauncher() {
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.name.startsWith("org.nicmanager.")) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.add(description.name);
                }
            }
        }
        // The host launcher waits for the bnd launcher's service, which only `java -jar nicmgr.jar` provides.
        assertEquals(List.of("org.nicmanager.host.launcher.HostLauncher"), unsatisfied);
    }

    @Test
    public void tenThousandTimersFireInDeadlineOrderTheSameOnEveryRun() {
        List<Integer> first = fireTenThousandTimers(42);
        List<Integer> second = fireTenThousandTimers(42);
        assertEquals(10_000, first.size());
        assertEquals(first, second);

        long[] deadlines = randomDeadlines(42);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < deadlines.length; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.<Integer>comparingLong(i -> deadlines[i]).thenComparingInt(i -> i));
        assertEquals(expected, first);
    }

    /** Arms 10,000 timers at seeded random offsets from now, advances one second, returns the firing order. */
    private List<Integer> fireTenThousandTimers(long seed) {
        long[] deadlines = randomDeadlines(seed);
        List<Integer> fired = new ArrayList<>();
        long[] firedAt = new long[deadlines.length];
        long start = world.call(() -> {
            long now = scheduler.nanoTime();
            for (int i = 0; i < deadlines.length; i++) {
                int id = i;
                scheduler.newTimer("t" + id, () -> {
                    fired.add(id);
                    firedAt[id] = scheduler.nanoTime();
                }).armAt(now + deadlines[i]);
            }
            return now;
        });
        assertEquals(deadlines.length, world.advance(SECOND).timersFired());
        for (int i = 0; i < deadlines.length; i++) {
            assertEquals("timer " + i + " fired at its deadline", start + deadlines[i], firedAt[i]);
        }
        return world.call(() -> List.copyOf(fired));
    }

    private static long[] randomDeadlines(long seed) {
        Random random = new Random(seed);
        long[] deadlines = new long[10_000];
        for (int i = 0; i < deadlines.length; i++) {
            deadlines[i] = random.nextInt(1_000) * 1_000_000L; // whole milliseconds: many ties
        }
        return deadlines;
    }

    @Test
    public void theInventoryTracksDriverNicServicesAndPostsEvents() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/nic/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            ServiceRegistration<PhysicalNic> nic = context.registerService(PhysicalNic.class,
                    new FakeNic("vmnic7", 0x02_00_00_00_00_07L).answerTransmitWith(TransmitStatus.LINK_DOWN), null);
            assertEvent(events.poll(WAIT_SECONDS, TimeUnit.SECONDS), NicTopics.ADDED, "vmnic7");
            assertEquals("02:00:00:00:00:07", inventory.nics().stream()
                    .filter(row -> row.name().equals("vmnic7")).findFirst().orElseThrow().mac());

            ServiceRegistration<PhysicalNic> twin = context.registerService(PhysicalNic.class,
                    new FakeNic("vmnic7", 0x02_00_00_00_00_08L).answerTransmitWith(TransmitStatus.LINK_DOWN), null);
            Event rejected = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEvent(rejected, NicTopics.REJECTED, "vmnic7");
            assertTrue(String.valueOf(rejected.getProperty(NicTopics.REASON)).contains("already present"));
            twin.unregister();

            nic.unregister();
            assertEvent(events.poll(WAIT_SECONDS, TimeUnit.SECONDS), NicTopics.REMOVED, "vmnic7");
            assertTrue(inventory.nic("vmnic7").isEmpty());
        } finally {
            handler.unregister();
        }
    }

    private static void assertEvent(Event event, String topic, String nic) {
        assertNotNull("no " + topic + " event within " + WAIT_SECONDS + " s", event);
        assertEquals(topic, event.getTopic());
        assertEquals(nic, event.getProperty(NicTopics.NAME));
    }

    @Test
    public void kernelAdvanceMovesTheVirtualClockFromTheShell() throws Exception {
        long before = world.call(scheduler::nanoTime);
        String printed = shell("kernel:advance 10s");
        assertTrue(printed, printed.contains("timersFired"));
        assertEquals(before + 10 * SECOND, (long) world.call(scheduler::nanoTime));
        String json = shell("kernel:info --json");
        assertTrue(json, json.startsWith("{\"clock\":\"VIRTUAL\",\"nowNanos\":" + (before + 10 * SECOND) + ","));
    }

    @Test
    public void badCommandsAreRefusedWithTheirValueNamed() throws Exception {
        try {
            shell("kernel:nope");
            fail("an unknown command was accepted");
        } catch (IllegalArgumentException unknown) {
            assertTrue(unknown.getMessage(), unknown.getMessage().contains("kernel:nope"));
        }
        long before = world.call(scheduler::nanoTime);
        try {
            shell("kernel:advance 10parsecs");
            fail("a bad duration was accepted");
        } catch (IllegalArgumentException badDuration) {
            assertTrue(badDuration.getMessage(), badDuration.getMessage().contains("'10parsecs'"));
        }
        try {
            shell("kernel:advance 5 parsecs");
            fail("two words were accepted as a duration");
        } catch (IllegalArgumentException twoWords) {
            assertTrue(twoWords.getMessage(), twoWords.getMessage().contains("got '5 parsecs'"));
        }
        assertEquals("a refused command changes nothing", before, (long) world.call(scheduler::nanoTime));
    }

    /**
     * Inside the framework slf4j must bind to logback, as in the host. (What the Log Service forwards reaching
     * logback's output is shown on the real jar by LauncherTest.) The test runner's class path holds no slf4j binding:
     * SPI Fly falls back to the thread's context class loader, where one would shadow logback.
     */
    @Test
    public void slf4jIsBoundToLogbackInsideTheFramework() throws Exception {
        Bundle logback = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("ch.qos.logback.classic")).findFirst().orElseThrow();
        Object factory = logback.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        assertEquals("ch.qos.logback.classic.LoggerContext", factory.getClass().getName());
    }
}
