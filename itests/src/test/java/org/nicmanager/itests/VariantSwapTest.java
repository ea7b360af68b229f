package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.File;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * Swapping NIC manager variants at runtime (patent [0076]-[0082]): the bond and the VM's assignment survive in
 * ConfigAdmin, traffic resumes on the other variant, and every frame offered around the swap is accounted for.
 */
public class VariantSwapTest extends NicManagerTestSupport {

    private static final String LOADABLE_JAR_PROPERTY = "nicmgr.test.jar.loadable";
    private static final String HOST_MAC = "02:00:00:00:98:01";

    @Override
    protected List<Option> extraOptions() {
        File loadable = new File(RunDescriptor.WORKSPACE,
                "run/target/export/nicmgr-loadable/kernel.nicmanager.loadable-0.1.0.jar");
        return List.of(frameworkProperty(LOADABLE_JAR_PROPERTY).value(loadable.toURI().toString()));
    }

    @Test
    public void swappingVariantsUnderTrafficKeepsTheBondAndAccountsForEveryFrame() throws Exception {
        shell("hw:switch add swS --ports 8");
        shell("hw:nic add s0 --model e1000 --switch swS");
        shell("hw:nic add s1 --model e1000 --switch swS");
        shell("hw:host add hS --switch swS --mac " + HOST_MAC);
        // round-robin spreads frames by nature, so the bond carries nearly its 2 Gb/s; under a flow policy a full ring
        // makes the frames of its member's flows wait, and these 8 flows, which hash unevenly, would overflow the
        // loadable variant's backlog (QUEUE_FULL) at this rate.
        shell("bond:create bondS --policy round-robin --failback immediate");
        shell("bond:add bondS s0 s1");
        shell("vm:create vmS");
        shell("vm:start vmS");
        shell("vnic:add vmS --uplink bondS");
        // Near the bond's capacity, so that frames wait in the bond's backlog when the swap comes.
        shell("guest:traffic vmS --to " + HOST_MAC + " --rate 1900Mbps --frame 1514 --flows 8 --for 3s");
        shell("kernel:advance 1s");

        // Virtual time stands still while bundles change: this is the integrated variant's last word.
        String old = shell("bond:show bondS --json");
        Bundle integrated = bundle("kernel.nicmanager");
        integrated.stop();
        Bundle loadable = context.installBundle(context.getProperty(LOADABLE_JAR_PROPERTY));
        loadable.start();
        awaitService(VnicUplinks.class, null);

        String restored = shell("bond:show bondS --json");
        assertTrue(restored, restored.contains("\"policy\":\"round-robin\""));
        assertTrue(restored, restored.contains("{\"name\":\"s0\"") && restored.contains("{\"name\":\"s1\""));
        assertEquals("a new bond starts counting afresh", 0, number(restored, "offeredFrames"));

        shell("kernel:advance 3s");
        String now = shell("bond:show bondS --json");
        String vnics = shell("vnic:list --json");
        String host = shell("hw:host stats hS --json");
        long received = sum(host, "\"id\":\\d+,\"rxFrames\":(\\d+)");
        long handedToUplinks = number(vnics, "txFrames");
        long offeredAfter = number(now, "offeredFrames");
        assertTrue("traffic resumed on the loadable variant: " + now, offeredAfter > 100_000);
        assertEquals("the vNIC lost no frame for want of an uplink: virtual time stood still", 0,
                number(vnics, "txDrops"));
        assertEquals("every frame the vNIC handed over reached one of the two bonds", handedToUplinks,
                number(old, "offeredFrames") + offeredAfter);

        // Frames the old bond still held were dropped at the swap, with a reason (NO_MEMBER_AVAILABLE).
        long droppedBefore = number(old, "droppedFrames") + number(old, "queuedFrames");
        long droppedOrQueuedAfter = number(now, "droppedFrames") + number(now, "queuedFrames");
        assertEquals("received + dropped with a reason + still queued == handed over", handedToUplinks,
                received + droppedBefore + droppedOrQueuedAfter);

        // And back: the integrated variant finds the bond the loadable one kept.
        loadable.uninstall();
        integrated.start();
        awaitService(VnicUplinks.class, null);
        shell("kernel:advance 100ms");
        String back = shell("bond:show bondS --json");
        assertTrue(back, back.contains("\"policy\":\"round-robin\"") && back.contains("{\"name\":\"s1\""));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
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
