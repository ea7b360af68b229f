package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Installing a driver bundle is how its NICs appear (patent step 752): the simulated world extends the e1000sim
 * bundle, registering its configured cards in the driver's own context, so updating or uninstalling the driver takes
 * them away and posts NIC-removed events.
 */
public class DriverBundleLifecycleTest extends NicManagerTestSupport {

    /** Framework property: the URL of the exported e1000sim jar, read on the host side where the file is known. */
    private static final String E1000SIM_JAR_PROPERTY = "nicmgr.test.jar.e1000sim";
    private static final String E1000SIM = "drivers.e1000sim";
    private static final Set<String> CARDS = Set.of("vmnic0", "vmnic1");

    @Inject
    private NicInventory inventory;

    @Inject
    private ConfigurationAdmin configurations;

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty(E1000SIM_JAR_PROPERTY)
                .value(RunDescriptor.exportedJars().get(E1000SIM).toURI().toString()));
    }

    @Test
    public void installingUpdatingAndUninstallingTheDriverAddsAndRemovesItsNics() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/nic/*");
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            bundle(E1000SIM).uninstall();
            shell("hw:switch add swLife --ports 4");
            for (String card : CARDS) {
                configureCard(card);
                awaitMatching("(&(objectClass=org.nicmanager.sim.network.cards.ConfiguredCard)(name=" + card + "))");
            }
            assertEquals("no driver, no NICs", Set.of(), presentCards());

            Bundle driver = context.installBundle(context.getProperty(E1000SIM_JAR_PROPERTY));
            driver.start();
            assertEvents(events, NicTopics.ADDED);
            assertEquals(CARDS, presentCards());
            String listed = shell("nic:list --json");
            for (String card : CARDS) {
                assertTrue(listed, listed.contains("{\"name\":\"" + card + "\",\"driver\":\"e1000sim\","
                        + "\"speedBps\":1000000000,\"state\":\"UP\",\"bond\":null,"));
            }

            driver.update();
            assertEvents(events, NicTopics.REMOVED);
            assertEvents(events, NicTopics.ADDED);
            assertEquals("updating the driver brings its NICs back", CARDS, presentCards());

            driver.uninstall();
            assertEvents(events, NicTopics.REMOVED);
            assertEquals(Set.of(), presentCards());
            assertTrue(shell("nic:list --json"), !shell("nic:list --json").contains("vmnic"));
        } finally {
            handler.unregister();
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private void configureCard(String name) throws Exception {
        Configuration card = configurations.getFactoryConfiguration("org.nicmanager.sim.card", name, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("model", "e1000");
        properties.put("switchName", "swLife");
        card.update(properties);
    }

    /** Our cards among the inventory's NICs and among the registered NIC services: both must agree. */
    private Set<String> presentCards() throws Exception {
        Set<String> inInventory = inventory.nics().stream().map(NicInfo::name).filter(CARDS::contains)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> registered = new TreeSet<>();
        for (var reference : context.getServiceReferences(PhysicalNic.class, null)) {
            String name = (String) reference.getProperty(PhysicalNic.NAME_PROPERTY);
            if (CARDS.contains(name)) {
                registered.add(name);
            }
        }
        assertEquals("the inventory holds what drivers registered", registered, inInventory);
        return inInventory;
    }

    /** One event of {@code topic} for each card, in any order. */
    private static void assertEvents(BlockingQueue<Event> events, String topic) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (seen.size() < CARDS.size()) {
            Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + topic + " event within " + WAIT_SECONDS + " s; saw " + seen, event);
            assertEquals(topic, event.getTopic());
            assertEquals("e1000sim", event.getProperty(NicTopics.DRIVER));
            seen.add((String) event.getProperty(NicTopics.NAME));
        }
        assertEquals(CARDS, new TreeSet<>(seen));
    }
}
