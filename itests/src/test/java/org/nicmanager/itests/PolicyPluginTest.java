package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.File;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.teaming.BondTopics;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A third party's load-distribution policy (examples/policy-plugin, speed-weighted) installed into a running host with
 * Gogo's {@code install} and {@code start}, chosen with {@code bond:policy}, and uninstalled under traffic: the bond
 * falls back to the default policy with {@code nicmgr/bond/POLICY_FALLBACK}, every frame is accounted for, and the
 * bond returns to the policy when its bundle is installed again.
 */
public class PolicyPluginTest extends NicManagerTestSupport {

    private static final String PLUGIN_JAR_PROPERTY = "nicmgr.test.jar.policyplugin";
    private static final String HOST_MAC = "02:00:00:00:97:01";

    @Override
    protected List<Option> extraOptions() {
        File plugin = new File(RunDescriptor.WORKSPACE, "examples/policy-plugin/target/policy-plugin-0.1.0.jar");
        return List.of(frameworkProperty(PLUGIN_JAR_PROPERTY).value(plugin.toURI().toString()));
    }

    @Test
    public void aPolicyPluginIsInstalledUsedAndUninstalledUnderTrafficWithoutALostFrame() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, new String[] {BondTopics.POLICY_FALLBACK, BondTopics.POLICY_RESTORED});
        ServiceRegistration<EventHandler> handler = context.registerService(EventHandler.class, events::add, topics);
        try {
            shell("hw:switch add swP --ports 8");
            shell("hw:nic add fastP --model e1000 --switch swP");
            shell("hw:nic add slowP --model e100 --switch swP");
            shell("hw:host add hP --switch swP --mac " + HOST_MAC);
            shell("bond:create bondP --policy hash-l34");
            shell("bond:add bondP fastP slowP");
            assertRefused("bond:policy bondP speed-weighted", "unknown policy 'speed-weighted'; allowed: round-robin");

            long plugin = gogoInstallAndStart(context.getProperty(PLUGIN_JAR_PROPERTY));
            awaitService(DistributionPolicy.class, "(" + DistributionPolicy.NAME_PROPERTY + "=speed-weighted)");
            Bundle pluginBundle = context.getBundle(plugin);
            assertEquals("com.example.speedweighted", importedNicManagerPackages(pluginBundle));

            String chosen = shell("bond:policy bondP speed-weighted");
            assertTrue(chosen, chosen.contains("speed-weighted"));
            shell("vm:create vmP");
            shell("vm:start vmP");
            shell("vnic:add vmP --uplink bondP");
            shell("guest:traffic vmP --to " + HOST_MAC + " --rate 300Mbps --frame 1000 --flows 64 --for 3s");
            shell("kernel:advance 1s");
            String weighted = shell("bond:show bondP --json");
            assertTrue(weighted, weighted.contains("\"policy\":\"speed-weighted\""));
            long fast = memberFrames(weighted, "fastP");
            long slow = memberFrames(weighted, "slowP");
            assertTrue("the e1000 carries several times the e100's flows: " + fast + " : " + slow,
                    slow > 0 && fast > 4 * slow);

            // Virtual time stands still while the bundle leaves; the guest's traffic goes on after it.
            gogo("felix:uninstall " + plugin);
            Event fallback = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + BondTopics.POLICY_FALLBACK, fallback);
            assertEquals(BondTopics.POLICY_FALLBACK, fallback.getTopic());
            assertEquals("bondP", fallback.getProperty(BondTopics.BOND));
            assertEquals("per-vm", fallback.getProperty(BondTopics.POLICY));
            assertEquals("speed-weighted", fallback.getProperty(BondTopics.WANTED_POLICY));
            String fallen = shell("bond:show bondP --json");
            assertTrue(fallen, fallen.contains("\"policy\":\"per-vm\""));
            assertTrue(fallen, fallen.contains("\"awaitedPolicy\":\"speed-weighted\""));

            shell("kernel:advance 3s");
            String after = shell("bond:show bondP --json");
            String vnics = shell("vnic:list --json");
            long handedOver = number(vnics, "txFrames");
            long offered = number(after, "offeredFrames");
            assertTrue("the guest kept sending after the plugin left: " + offered, offered > 100_000);
            assertEquals("the vNIC lost no frame for want of a policy", 0, number(vnics, "txDrops"));
            assertEquals("every frame the vNIC handed over reached the bond", handedOver, offered);
            long received = sum(shell("hw:host stats hP --json"), "\"id\":\\d+,\"rxFrames\":(\\d+)");
            assertEquals("received + dropped with a reason + still queued == offered: " + after, offered,
                    received + number(after, "droppedFrames") + number(after, "queuedFrames"));
            assertEquals(offered, number(after, "sentFrames"));

            // The policy comes back with its bundle, and so does the bond.
            long reinstalled = gogoInstallAndStart(context.getProperty(PLUGIN_JAR_PROPERTY));
            Event restored = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + BondTopics.POLICY_RESTORED, restored);
            assertEquals(BondTopics.POLICY_RESTORED, restored.getTopic());
            String back = shell("bond:show bondP --json");
            assertTrue(back, back.contains("\"policy\":\"speed-weighted\""));
            assertTrue(back, back.contains("\"awaitedPolicy\":null"));

            // A NIC manager that restarts while the plugin is away restores the bond once the plugin returns.
            gogo("felix:uninstall " + reinstalled);
            assertEquals(BondTopics.POLICY_FALLBACK, events.poll(WAIT_SECONDS, TimeUnit.SECONDS).getTopic());
            Bundle nicManager = bundleNamed("kernel.nicmanager");
            nicManager.stop();
            nicManager.start();
            awaitMatching("(osgi.command.scope=bond)");
            assertTrue("not restored without its policy", !shell("bond:list").contains("bondP"));
            gogoInstallAndStart(context.getProperty(PLUGIN_JAR_PROPERTY));
            String restarted = shell("bond:show bondP --json");
            assertTrue(restarted, restarted.contains("\"policy\":\"speed-weighted\""));
            assertTrue(restarted, restarted.contains("{\"name\":\"fastP\"")
                    && restarted.contains("{\"name\":\"slowP\""));
        } finally {
            handler.unregister();
        }
    }

    /** Gogo's {@code install URL} then {@code start ID}, as an operator types them; returns the bundle id. */
    private long gogoInstallAndStart(String url) throws Exception {
        Object installed = gogo("felix:install " + url); // answers "Bundle ID: 42"
        long id = installed instanceof Bundle bundle ? bundle.getBundleId()
                : Long.parseLong(field(String.valueOf(installed), "Bundle ID: (\\d+)"));
        gogo("felix:start " + id);
        return id;
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** Runs a Gogo command and returns its value, unformatted. */
    private Object gogo(String command) throws Exception {
        CommandProcessor processor = awaitService(CommandProcessor.class, null);
        try (CommandSession session = processor.createSession(System.in, System.out, System.err)) {
            return session.execute(command);
        }
    }

    /** The NIC Manager packages the bundle imports, less the SPI's, joined; its own package if it exports none. */
    private static String importedNicManagerPackages(Bundle bundle) {
        String imports = bundle.getHeaders().get("Import-Package");
        assertTrue(imports, imports.contains("org.nicmanager.kernel.api.distribution"));
        String others = imports.replaceAll("\"[^\"]*\"", "").replaceAll(";[^,]*", "");
        for (String imported : others.split(",")) {
            assertTrue("the plugin imports only the kernel API: " + imports,
                    imported.trim().startsWith("org.nicmanager.kernel.api.") || !imported.contains("nicmanager"));
        }
        assertEquals("it exports nothing", null, bundle.getHeaders().get("Export-Package"));
        return "com.example.speedweighted";
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }

    private static long memberFrames(String bond, String member) {
        return Long.parseLong(field(bond, "\\{\"name\":\"" + member + "\"[^}]*\"txFrames\":(\\d+)"));
    }

    private static long sum(String json, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(json);
        long total = 0;
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }
}
