package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.nicmanager.kernel.api.vm.Alert;
import org.nicmanager.kernel.api.vm.MigrationTarget;
import org.nicmanager.kernel.api.vm.Notifier;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The VM lifecycle from the shell, in virtual time: a suspended VM keeps its queued frames and counters and continues
 * from them when resumed; definitions live in ConfigAdmin; forbidden steps and unknown VMs are refused and change
 * nothing; a migration request reaches the target host (a test double) and the administrator's notifiers.
 */
public class VmLifecycleSuspendTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:99:41";
    private static final String VM_MAC = "02:00:00:00:0a:41";

    @Test
    public void aSuspendedVmKeepsItsQueuesAndCountersAndContinuesFromThem() throws Exception {
        shell("hw:switch add sw41 --ports 8");
        shell("hw:nic add a41 --model e1000 --switch sw41");
        shell("hw:host add h41 --switch sw41 --mac " + HOST_MAC);
        shell("bond:create bond41 --policy failover-order");
        shell("bond:add bond41 a41");
        shell("vm:create web41 --priority 6");
        shell("vm:start web41");
        shell("vnic:add web41 --uplink bond41 --mac " + VM_MAC);
        shell("guest:traffic web41 --to " + HOST_MAC + " --rate 10Mbps --frame 1000 --count 1000");
        shell("kernel:advance 300ms");
        assertEquals("SUSPENDED", field(shell("vm:suspend web41"), "state\\s+(\\w+)"));
        long sentBefore = number(vnic(), "txFrames");
        assertTrue("sent before the suspension: " + sentBefore, sentBefore > 300 && sentBefore < 1000);
        shell("hw:traffic h41 --to " + VM_MAC + " --rate 1Mbps --frame 500 --for 40ms"); // 10 frames for the guest
        shell("kernel:advance 1s");
        String vnic = vnic();
        assertEquals("nothing sent while suspended", sentBefore, number(vnic, "txFrames"));
        assertEquals("what arrived waits in the queue, counted", 10, number(vnic, "rxQueued"));
        assertEquals(10, number(vnic, "rxFrames"));
        assertEquals(0, number(shell("guest:stats web41 --json"), "rxFrames"));

        shell("vm:resume web41");
        shell("kernel:advance 1s");
        String host = shell("hw:host stats h41 --json");
        assertEquals("every frame once, continuing where it stopped", 1000, flowFrames(host));
        assertEquals(0, number(host, "lostFrames"));
        assertEquals(0, number(host, "reorderedFrames"));
        assertEquals(10, number(shell("guest:stats web41 --json"), "rxFrames"));
    }

    @Test
    public void definitionsLiveInConfigAdminAndForbiddenStepsAreRefusedAndChangeNothing() throws Exception {
        shell("vm:create db42 --priority 3");
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin configurations = context.getService(reference);
        try {
            Configuration[] stored = configurations.listConfigurations("(&(service.factoryPid=org.nicmanager.vm)"
                    + "(name=db42))");
            assertNotNull("db42 is kept in ConfigAdmin", stored);
            assertEquals(3, Integer.parseInt(stored[0].getProperties().get("priority").toString()));

            String before = shell("vm:list --json");
            assertRefused("vm:suspend db42", "cannot suspend VM db42: it is CREATED, and suspend needs RUNNING");
            assertRefused("vm:resume db42", "cannot resume VM db42: it is CREATED, and resume needs SUSPENDED");
            shell("vm:start db42");
            String running = shell("vm:list --json");
            assertRefused("vm:start db42", "cannot start VM db42: it is RUNNING");
            assertRefused("vm:delete db42", "VM db42 is RUNNING; stop it before deleting it");
            assertRefused("vm:resume db42", "it is RUNNING, and resume needs SUSPENDED");
            assertRefused("vm:suspend ghost", "no VM named 'ghost'");
            assertRefused("vm:migrate ghost --to far", "unknown VM 'ghost': the name of a VM");
            assertRefused("vm:migrate db42 --to nowhere", "unknown --to 'nowhere': the name of a remote host");
            assertRefused("vm:bottleneck sometimes", "unknown bottleneck policy 'sometimes'; allowed: never,"
                    + " suspend-by-priority, alert-only");
            assertEquals(running, shell("vm:list --json"));
            assertTrue(before.contains("\"name\":\"db42\",\"state\":\"CREATED\""));
            shell("vm:stop db42");
            shell("vm:delete db42");
            assertEquals(null, configurations.listConfigurations("(&(service.factoryPid=org.nicmanager.vm)"
                    + "(name=db42))"));
        } finally {
            context.ungetService(reference);
        }
    }

    @Test
    public void aMigrationRequestReachesTheTargetHostAndTheAdministrator() throws Exception {
        MigrationTargetTestDouble far = new MigrationTargetTestDouble("far43");
        BlockingQueue<Alert> administrator = new LinkedBlockingQueue<>();
        ServiceRegistration<MigrationTarget> target = context.registerService(MigrationTarget.class, far, null);
        ServiceRegistration<Notifier> notifier = context.registerService(Notifier.class, administrator::add, null);
        try {
            shell("vm:create app43 --priority 4");
            shell("vm:start app43");
            String requested = shell("vm:migrate app43 --to far43 --reason maintenance");
            assertTrue(requested, requested.contains("far43"));
            assertEquals(1, far.requests.size());
            assertEquals("maintenance", far.requests.get(0).reason());
            Alert alert = administrator.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull("the administrator is told", alert);
            assertEquals(VmTopics.MIGRATION_REQUESTED, alert.topic());
            assertEquals("app43", alert.subject());
            assertEquals("the VM runs here until the target takes it", "RUNNING",
                    field(shell("vm:show app43 --json"), "\"state\":\"(\\w+)\""));
        } finally {
            notifier.unregister();
            target.unregister();
        }
    }

    private String vnic() throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", "web41-0");
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }

    private static long flowFrames(String hostStats) {
        return Long.parseLong(field(hostStats, "\"flows\":\\[\\{\"sender\":\"[^\"]+\",\"id\":0,\"rxFrames\":(\\d+)"));
    }
}
