package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * drivers.linux in a running host, on a veth pair into a namespace of the test's own: {@code linux:add} makes the
 * interface a NIC of the kernel's inventory, bad input is refused naming the value and changes nothing, and
 * uninstalling the bundle removes its NICs while installing it again brings them back (patent step 752). Needs root,
 * as CI has.
 */
public class LinuxNicCommandsTest extends NicManagerTestSupport {

    private static final String LINUX_JAR_PROPERTY = "nicmgr.test.jar.linux";
    private static final String DRIVER_BUNDLE = "drivers.linux";

    @Inject
    private NicInventory inventory;

    private TestNamespace namespace;
    private String tag;
    private String hostEnd;

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty(LINUX_JAR_PROPERTY)
                .value(RunDescriptor.exportedJars().get(DRIVER_BUNDLE).toURI().toString()));
    }

    @Before
    public void makeVethPair() throws Exception {
        assumeTrue("needs root to make network namespaces", TestNamespace.possible());
        namespace = new TestNamespace();
        tag = namespace.tag();
        hostEnd = namespace.addPair(0);
    }

    @After
    public void removeVethPair() throws Exception {
        if (namespace == null) {
            return;
        }
        for (String command : List.of("linux:remove up" + tag, "linux:remove alt" + tag)) {
            try {
                shell(command);
            } catch (IllegalArgumentException notThere) {
                // the test removed it already, or never made it
            }
        }
        namespace.close();
    }

    /** What an operator sees; a refused command must leave it as it was. */
    private String world() throws Exception {
        return shell("nic:list --json") + "\n" + shell("linux:list --json");
    }

    private String refused(String command) throws Exception {
        return refused(command, this::world);
    }

    private static void assertNames(String message, String... values) {
        for (String value : values) {
            assertTrue("the message should name '" + value + "': " + message, message.contains(value));
        }
    }

    @Test
    public void anInterfaceBecomesANicAndBadInputIsRefusedNamingTheValue() throws Exception {
        String name = "up" + tag;
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events);
        try {
            String added = shell("linux:add " + name + " --interface " + hostEnd);
            assertTrue(added, added.contains(hostEnd));
            assertTrue(added, added.contains("gro off"));
            assertEvent(events, NicTopics.ADDED, name);
            assertTrue(inventory.nics().toString(), inventory.nics().stream().anyMatch(nic -> nic.name().equals(name)
                    && nic.driver().equals("linux") && nic.mtuBytes() == 1500));
            String listed = shell("linux:list --json");
            assertTrue(listed, listed.contains("\"name\":\"" + name + "\",\"interface\":\"" + hostEnd + "\""));

            assertNames(refused("linux:add alt" + tag + " --interface " + hostEnd), "'" + hostEnd + "'", name);
            assertNames(refused("linux:add alt" + tag + " --interface nosuch" + tag), "'nosuch" + tag + "'",
                    hostEnd, "lo");
            assertNames(refused("linux:add " + name + " --interface lo"), "'" + name + "'");
            assertNames(refused("linux:add alt" + tag), "--interface", hostEnd);
            assertNames(refused("linux:remove nosuch" + tag), "'nosuch" + tag + "'", name);
            String enslaved = namespace.addPair(1);
            String bridge = namespace.enslaveToBridge(1);
            assertNames(refused("linux:add alt" + tag + " --interface " + enslaved), "'" + enslaved + "'",
                    "bridge '" + bridge + "'", "nomaster");

            shell("linux:remove " + name);
            assertEvent(events, NicTopics.REMOVED, name);
            assertFalse(inventory.nics().stream().anyMatch(nic -> nic.name().equals(name)));
            assertFalse(shell("linux:list --json").contains(name));
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void anInterfaceDeletedUnderARunningHostTakesItsNicAway() throws Exception {
        String name = "up" + tag;
        shell("linux:add " + name + " --interface " + hostEnd);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events);
        try {
            namespace.deletePair(0);
            assertEvent(events, NicTopics.REMOVED, name);
            assertFalse(inventory.nics().stream().anyMatch(nic -> nic.name().equals(name)));

            shell("linux:remove " + name); // the configuration stays until removed, and is removed cleanly
            assertFalse(shell("linux:list --json").contains(name));
        } finally {
            handler.unregister();
        }
    }

    private ServiceRegistration<EventHandler> listen(BlockingQueue<Event> events) {
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/nic/*");
        return context.registerService(EventHandler.class, events::add, topics);
    }

    @Test
    public void uninstallingTheDriverRemovesItsNicsAndInstallingItAgainBringsThemBack() throws Exception {
        String name = "up" + tag;
        shell("linux:add " + name + " --interface " + hostEnd);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = listen(events);
        try {
            bundle(DRIVER_BUNDLE).uninstall();
            assertEvent(events, NicTopics.REMOVED, name);
            assertFalse(inventory.nics().stream().map(NicInfo::name).anyMatch(name::equals));

            Bundle driver = context.installBundle(context.getProperty(LINUX_JAR_PROPERTY));
            driver.start();
            assertEvent(events, NicTopics.ADDED, name);
            assertTrue(inventory.nics().stream().map(NicInfo::name).anyMatch(name::equals));
        } finally {
            handler.unregister();
        }
    }

    private static void assertEvent(BlockingQueue<Event> events, String topic, String nic)
            throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + topic + " event for " + nic + " within " + WAIT_SECONDS + " s; saw " + seen, event);
            seen.add(event.getTopic() + " " + event.getProperty(NicTopics.NAME));
            if (event.getTopic().equals(topic) && nic.equals(event.getProperty(NicTopics.NAME))) {
                assertEquals("linux", event.getProperty(NicTopics.DRIVER));
                return;
            }
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }
}
