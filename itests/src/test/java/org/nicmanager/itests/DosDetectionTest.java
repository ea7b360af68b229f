package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import javax.inject.Inject;

import org.junit.Test;
import org.nicmanager.kernel.api.vm.MigrationTarget;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The DoS detectors from the shell, in virtual time: a TCP SYN flood and a broadcast storm are each detected within the
 * window; a frame matching a configured signature is held for the assessment window, not delivered at once ([0129],
 * [0130]); a migration is requested of a test-double host ([0131]); bad values are refused and change nothing; a
 * deleted VM takes its policy (and its allocation) with it.
 */
public class DosDetectionTest extends NicManagerTestSupport {

    @Inject
    private ConfigurationAdmin configurations;

    private static final long MS = 1_000_000L;

    /** A switch, a bond of two e1000, a host, and a running VM with a known MAC on the bond. */
    private void setUp(String id) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add a" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add b" + id + " --model e1000 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac 02:00:00:00:99:" + id);
        shell("bond:create bond" + id + " --policy round-robin");
        shell("bond:add bond" + id + " a" + id + " b" + id);
        shell("vm:create vm" + id + " --priority 5");
        shell("vm:start vm" + id);
        shell("vnic:add vm" + id + " --uplink bond" + id + " --mac " + mac(id));
        shell("guest:traffic vm" + id + " --to 02:00:00:00:99:" + id + " --rate 1Mbps --frame 100 --count 5");
        shell("kernel:advance 50ms"); // the switch learns where the VM lives
    }

    private static String mac(String id) {
        return "02:00:00:00:0a:" + id;
    }

    @Test
    public void aSynFloodIsDetectedWithinTheWindowAndAMigrationIsRequestedOfTheTargetHost() throws Exception {
        MigrationTargetTestDouble far = new MigrationTargetTestDouble("far");
        ServiceRegistration<MigrationTarget> registration = context.registerService(MigrationTarget.class, far, null);
        try {
            setUp("21");
            shell("dos:policy vm21 --responses migrate --migrate-to far");
            long start = now();
            shell("hw:flood " + mac("21") + " --kind syn --rate 20kpps --for 200ms --via sw21");
            shell("kernel:advance 500ms");
            String detection = detection("vm21", "SYN_FLOOD");
            long after = number(detection, "startedAt") - start;
            assertTrue("SYN flood detected " + after / MS + " ms after it began", after <= 100 * MS);
            assertTrue("the attack's end is recorded: " + detection, !detection.contains("\"endedAt\":null"));
            assertEquals(1, far.requests.size());
            assertEquals("vm21", far.requests.get(0).vm());
            assertTrue(far.requests.get(0).reason(), far.requests.get(0).reason().contains("SYN_FLOOD"));
            assertTrue(shell("vm:migrations --json"), shell("vm:migrations --json").contains(
                    "{\"vm\":\"vm21\",\"targetHost\":\"far\""));
            assertTrue(detection, detection.contains("\"response\":\"MIGRATE\""));
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void aBroadcastStormIsDetectedOnTheVmAndOnItsUplink() throws Exception {
        setUp("22");
        long start = now();
        shell("hw:flood " + mac("22") + " --kind broadcast --rate 20kpps --for 200ms --via sw22");
        shell("kernel:advance 500ms");
        for (String target : new String[] {"vm22", "bond22"}) {
            String detection = detection(target, "BROADCAST_STORM");
            long after = number(detection, "startedAt") - start;
            assertTrue("broadcast storm on " + target + " detected after " + after / MS + " ms", after <= 100 * MS);
        }
    }

    @Test
    public void aFrameMatchingASignatureIsHeldForTheAssessmentWindow() throws Exception {
        setUp("23");
        shell("dos:policy vm23 --responses hold --assessment 30ms");
        shell("dos:detector signature --ports 9"); // the port hw:traffic sends to
        try {
            long sent = now();
            shell("hw:traffic h23 --to " + mac("23") + " --rate 1Mbps --frame 500 --for 4ms"); // one frame
            shell("kernel:advance 29ms");
            assertEquals("queued for the guest, not delivered", 1, vnicNumber("vm23-0", "rxFrames"));
            assertEquals(1, vnicNumber("vm23-0", "rxHeld"));
            assertEquals(0, number(shell("guest:stats vm23 --json"), "rxFrames"));
            shell("kernel:advance 2ms");
            assertEquals("delivered once the window is over", 1, number(shell("guest:stats vm23 --json"),
                    "rxFrames"));
            String detection = detection("vm23", "SIGNATURE");
            assertTrue(detection, number(detection, "startedAt") - sent <= 20 * MS);
        } finally {
            shell("dos:detector signature --ports none");
        }
        // Without the signature, the same frame reaches the guest at once.
        shell("hw:traffic h23 --to " + mac("23") + " --rate 1Mbps --frame 500 --for 4ms");
        shell("kernel:advance 1ms");
        assertEquals(2, number(shell("guest:stats vm23 --json"), "rxFrames"));
    }

    @Test
    public void badValuesAreRefusedByNameAndChangeNothing() throws Exception {
        setUp("24");
        String detectors = shell("dos:detector --json");
        assertRefused("dos:detector rate --threshold 0pps", "bad --threshold '0pps': must be above 0");
        assertRefused("dos:detector syn --threshold 0pps", "bad --threshold '0pps': must be above 0");
        assertRefused("dos:detector broadcast --threshold -5kpps", "-5kpps");
        assertRefused("dos:detector rate --multiple 0.5", "bad --multiple '0.5': a number above 1");
        assertRefused("dos:detector teleport --threshold 1kpps", "unknown detector 'teleport'; detectors: broadcast,"
                + " rate, signature, syn");
        assertEquals(detectors, shell("dos:detector --json"));

        String policy = shell("dos:policy vm24 --json");
        assertRefused("dos:policy ghost --responses hold", "unknown VM 'ghost': the name of a VM, or the MAC of one of"
                + " them; VMs: ");
        assertRefused("dos:policy vm24 --responses failover", "the failover response needs an alternate uplink");
        assertRefused("dos:policy vm24 --responses teleport", "unknown DoS response 'teleport'; allowed: hold,"
                + " suspend, failover, migrate");
        assertRefused("dos:policy vm24 --responses failover --alternate nowhere", "unknown uplink 'nowhere' for"
                + " --alternate; bonds: ");
        assertRefused("dos:policy vm24 --responses migrate --migrate-to nowhere", "unknown --migrate-to 'nowhere': the"
                + " name of a remote host");
        assertRefused("dos:policy vm24 --assessment 0ms", "bad --assessment '0ms'");
        assertEquals(policy, shell("dos:policy vm24 --json"));
    }

    @Test
    public void aDeletedVmTakesItsPolicyAndAllocationWithIt() throws Exception {
        shell("vm:create vm26 --priority 5");
        String defaults = shell("dos:policy vm26 --json");
        shell("dos:policy vm26 --responses hold --assessment 30ms");
        shell("net:alloc vm26 --shares 3000");
        shell("vm:delete vm26");
        shell("vm:create vm26 --priority 5");

        assertEquals("a new VM of the same name starts from the default policy", defaults,
                shell("dos:policy vm26 --json"));
        assertTrue(shell("net:show vm26"), shell("net:show vm26").contains("shares       1000"));
        assertEquals("no stored policy or allocation is left", null, configurations.listConfigurations(
                "(|(service.pid=org.nicmanager.dos.policy~vm26)(service.pid=org.nicmanager.resource.allocation~vm26))"));
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }

    private long now() throws Exception {
        return number(shell("kernel:info --json"), "nowNanos");
    }

    /** The first detection of {@code kind} on {@code target} in {@code dos:status --json}. */
    private String detection(String target, String kind) throws Exception {
        String status = shell("dos:status --json");
        java.util.regex.Matcher detection = java.util.regex.Pattern.compile("\\{\"target\":\"" + target
                + "\",\"targetKind\":\"\\w+\",\"kind\":\"" + kind + "\".*?(?=\\{\"target\"|$)").matcher(status);
        assertTrue(kind + " on " + target + " in " + status, detection.find());
        return detection.group();
    }

    private long vnicNumber(String vnic, String key) throws Exception {
        return number(DosFloodTest.objectOf(shell("vnic:list --json"), "name", vnic), key);
    }
}
