package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nicmanager.kernel.api.nic.NicTopics;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Issue 15, "Hot removal" and the bad input "an interface deleted under traffic": a VM sends through a bond whose
 * first member is a drivers.linux NIC on a veth into the test's namespace. Uninstalling the driver bundle, or deleting
 * the interface, fails the bond over to its simulated member, or leaves a bond of the Linux NIC alone down, and
 * {@code net:stats} accounts for every frame by reason throughout; installing the driver again restores the bond.
 * Needs root, as CI has; the namespace is removed even on failure.
 */
public class LinuxHotRemovalTest extends NicManagerTestSupport {

    private static final String LINUX_JAR_PROPERTY = "nicmgr.test.jar.linux";
    private static final String DRIVER_BUNDLE = "drivers.linux";

    private TestNamespace namespace;
    private String tag;
    private String linuxNic;
    private String simNic;
    private String bond;
    private String vm;
    /** The simulated host's MAC, unique to the test: the framework, and so its simulated world, serves all three. */
    private String hostMac;
    private final BlockingQueue<Event> nicEvents = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> handler;

    @Override
    protected List<Option> extraOptions() {
        return List.of(frameworkProperty(LINUX_JAR_PROPERTY)
                .value(RunDescriptor.exportedJars().get(DRIVER_BUNDLE).toURI().toString()));
    }

    @Before
    public void makeTheUplinks() throws Exception {
        assumeTrue("needs root to make network namespaces", TestNamespace.possible());
        namespace = new TestNamespace();
        tag = namespace.tag();
        linuxNic = "lx" + tag;
        simNic = "sim" + tag;
        bond = "bh" + tag;
        vm = "vm" + tag;
        hostMac = "02:97:" + tag.substring(0, 2) + ":" + tag.substring(2, 4) + ":" + tag.substring(4, 6) + ":"
                + tag.substring(6, 8);
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "nicmgr/nic/*");
        handler = context.registerService(EventHandler.class, nicEvents::add, topics);
        shell("linux:add " + linuxNic + " --interface " + namespace.addPair(0));
        shell("hw:switch add sw" + tag + " --ports 4");
        shell("hw:nic add " + simNic + " --model e1000 --switch sw" + tag);
        shell("hw:host add h" + tag + " --switch sw" + tag + " --mac " + hostMac);
        shell("bond:create " + bond + " --policy failover-order --failback immediate");
    }

    @After
    public void removeEverything() throws Exception {
        if (namespace == null) {
            return;
        }
        try {
            if (driver().isEmpty()) { // a failed test left the driver out: the next test needs it
                startDriverAgain();
            }
            for (String command : List.of("guest:stop " + vm, "bond:delete " + bond, "linux:remove " + linuxNic)) {
                try {
                    shell(command);
                } catch (IllegalArgumentException notThere) {
                    // never made
                }
            }
        } finally {
            handler.unregister();
            namespace.close();
        }
    }

    /** A VM sending 1000-byte frames at 10 Mb/s to the simulated host, through the bond. */
    private void startTraffic() throws Exception {
        shell("vm:create " + vm);
        shell("vm:start " + vm);
        shell("vnic:add " + vm + " --uplink " + bond);
        shell("guest:traffic " + vm + " --to " + hostMac + " --rate 10Mbps --frame 1000");
        shell("kernel:advance 200ms");
    }

    @Test
    public void uninstallingTheDriverUnderTrafficFailsOverToTheSimulatedMemberAndInstallingItRestoresTheBond()
            throws Exception {
        shell("bond:add " + bond + " " + linuxNic + " " + simNic);
        startTraffic();
        String before = shell("bond:show " + bond + " --json");
        assertTrue(before, before.contains(member(linuxNic, true)));
        assertTrue("the Linux NIC carries the traffic: " + before, memberFrames(before, linuxNic) > 0);
        assertEquals("nothing went the simulated way yet", 0, hostFrames());

        driver().orElseThrow().uninstall();
        awaitNicEvent(NicTopics.REMOVED);
        String failedOver = shell("bond:show " + bond + " --json");
        assertTrue(failedOver, failedOver.contains("\"members\":[" + member(simNic, true)));
        assertTrue(failedOver, failedOver.contains("\"absentNics\":[\"" + linuxNic + "\"]"));
        assertTrue(failedOver, failedOver.contains("\"failovers\":1,"));
        shell("kernel:advance 200ms");
        assertTrue("the simulated member carries the traffic now", hostFrames() > 0);
        FrameAccounts.assertBalanced(FrameAccounts.vmStats(shell("net:stats --json"), vm));

        startDriverAgain();
        awaitNicEvent(NicTopics.ADDED);
        shell("kernel:advance 1ms");
        String restored = shell("bond:show " + bond + " --json");
        assertTrue("the Linux NIC is back, first again: " + restored,
                restored.contains("\"members\":[" + member(linuxNic, true)));
        assertTrue(restored, restored.contains("\"absentNics\":[]"));
        long hostFramesAtReturn = hostFrames();
        long linuxFramesAtReturn = memberFrames(restored, linuxNic);
        shell("kernel:advance 200ms");
        assertTrue("the Linux NIC carries the traffic again",
                memberFrames(shell("bond:show " + bond + " --json"), linuxNic) > linuxFramesAtReturn);
        // 200 ms at 1,250 frames a second: the simulated member, second in the order, carries none of them.
        assertTrue("the simulated member stands by again", hostFrames() - hostFramesAtReturn < 50);
        FrameAccounts.assertBalanced(FrameAccounts.vmStats(shell("net:stats --json"), vm));
    }

    @Test
    public void aBondOfTheLinuxNicAloneGoesDownWithItsDriverAndDropsCountedUntilItReturns() throws Exception {
        shell("bond:add " + bond + " " + linuxNic);
        startTraffic();

        driver().orElseThrow().uninstall();
        awaitNicEvent(NicTopics.REMOVED);
        String down = shell("bond:show " + bond + " --json");
        assertTrue("no member carries: " + down, down.contains("\"carryingNow\":[]"));
        assertTrue(down, down.contains("\"absentNics\":[\"" + linuxNic + "\"]"));
        shell("kernel:advance 200ms");
        Map<String, Long> dropped = FrameAccounts.assertBalanced(FrameAccounts.vmStats(shell("net:stats --json"), vm));
        long noMember = dropped.getOrDefault("NO_MEMBER_AVAILABLE", 0L);
        assertTrue("a bond with no member drops with a reason: " + dropped, noMember > 100);

        startDriverAgain();
        awaitNicEvent(NicTopics.ADDED);
        shell("kernel:advance 1ms");
        String restored = shell("bond:show " + bond + " --json");
        assertTrue(restored, restored.contains("\"members\":[" + member(linuxNic, true)));
        long linuxFramesAtReturn = memberFrames(restored, linuxNic);
        long droppedAtReturn = FrameAccounts.assertBalanced(FrameAccounts.vmStats(shell("net:stats --json"), vm))
                .getOrDefault("NO_MEMBER_AVAILABLE", 0L);
        shell("kernel:advance 200ms");
        Map<String, Long> after = FrameAccounts.assertBalanced(FrameAccounts.vmStats(shell("net:stats --json"), vm));
        assertEquals("no more drops for want of a member", droppedAtReturn,
                (long) after.getOrDefault("NO_MEMBER_AVAILABLE", 0L));
        assertTrue(memberFrames(shell("bond:show " + bond + " --json"), linuxNic) > linuxFramesAtReturn);
    }

    @Test
    public void anInterfaceDeletedUnderTrafficRemovesItsNicWithAnEventAndTheBondFailsOver() throws Exception {
        shell("bond:add " + bond + " " + linuxNic + " " + simNic);
        startTraffic();
        assertEquals(0, hostFrames());

        namespace.deletePair(0);
        awaitNicEvent(NicTopics.REMOVED);
        String failedOver = shell("bond:show " + bond + " --json");
        assertTrue(failedOver, failedOver.contains("\"members\":[" + member(simNic, true)));
        assertTrue(failedOver, failedOver.contains("\"absentNics\":[\"" + linuxNic + "\"]"));
        shell("kernel:advance 200ms");
        assertTrue("the simulated member carries the traffic now", hostFrames() > 0);
        FrameAccounts.assertBalanced(FrameAccounts.vmStats(shell("net:stats --json"), vm));
        String listed = shell("nic:list --json");
        assertTrue(listed, !listed.contains("\"name\":\"" + linuxNic + "\""));
    }

    /** A member as {@code bond:show --json} lists it, UP. */
    private static String member(String nic, boolean active) {
        return "{\"name\":\"" + nic + "\",\"state\":\"UP\",\"active\":" + active;
    }

    private static long memberFrames(String bondJson, String member) {
        return Long.parseLong(field(bondJson, "\\{\"name\":\"" + member + "\"[^}]*\"txFrames\":(\\d+)"));
    }

    private long hostFrames() throws Exception {
        return number(shell("hw:host stats h" + tag + " --json"), "rxFrames");
    }

    private Optional<Bundle> driver() {
        return Arrays.stream(context.getBundles()).filter(bundle -> DRIVER_BUNDLE.equals(bundle.getSymbolicName()))
                .findFirst();
    }

    private void startDriverAgain() throws Exception {
        context.installBundle(context.getProperty(LINUX_JAR_PROPERTY)).start();
    }

    /** Waits for {@code topic} about this test's Linux NIC, from the linux driver. */
    private void awaitNicEvent(String topic) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            Event event = nicEvents.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("no " + topic + " for " + linuxNic + " within " + WAIT_SECONDS + " s; saw " + seen, event);
            seen.add(event.getTopic() + " " + event.getProperty(NicTopics.NAME));
            if (event.getTopic().equals(topic) && linuxNic.equals(event.getProperty(NicTopics.NAME))) {
                assertEquals("linux", event.getProperty(NicTopics.DRIVER));
                return;
            }
        }
    }
}
