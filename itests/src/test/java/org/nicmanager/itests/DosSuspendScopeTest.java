package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 18 point 9, through the shell in virtual time: a 50 Mb/s flood at a VM whose virtual NICs sit on two uplink
 * sets, through set 1 only. Its {@code suspend} response ([0126]) suspends the low-priority VM that shares set 1, but
 * neither the priority-1 VM on set 2, which takes nothing from the attacked uplink, nor a VM at the configured bound
 * ({@code suspendBelowPriority}, 5 by default); the event names the VMs it suspended. Raised through ConfigAdmin, the
 * bound lets the response reach that VM too.
 */
public class DosSuspendScopeTest extends NicManagerTestSupport {

    private static final String DOS_PID = "org.nicmanager.dos";
    private static final String VICTIM_MAC = "02:00:00:00:0b:01";
    private static final String VICTIM_SECOND_MAC = "02:00:00:00:0b:02";
    private static final String HOST_A_MAC = "02:00:00:00:98:0a";
    private static final String HOST_B_MAC = "02:00:00:00:98:0b";

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void theSuspendResponseReachesOnlyLowerPriorityVmsOnTheAttackedUplink() throws Exception {
        shell("hw:switch add swA --ports 8");
        shell("hw:switch add swB --ports 4");
        shell("hw:nic add a0 --model e1000 --switch swA");
        shell("hw:nic add b0 --model e1000 --switch swB");
        shell("hw:host add hA --switch swA --mac " + HOST_A_MAC);
        shell("hw:host add hB --switch swB --mac " + HOST_B_MAC);
        shell("bond:create set1 --policy failover-order");
        shell("bond:add set1 a0");
        shell("bond:create set2 --policy failover-order");
        shell("bond:add set2 b0");
        vm("victim", 8, "set1", "--mac " + VICTIM_MAC);
        shell("vnic:add victim --uplink set2 --mac " + VICTIM_SECOND_MAC);
        vm("low", 1, "set1", "");
        vm("mid", 5, "set1", "");
        vm("other", 1, "set2", "");
        shell("dos:policy victim --responses suspend --restore-after 500ms");
        assertTrue(shell("dos:status --json").contains("\"suspendBelowPriority\":5"));

        shell("guest:traffic victim --to " + HOST_A_MAC + " --rate 1Mbps --frame 100 --count 10"); // swA learns it
        shell("hw:traffic hA --to " + VICTIM_MAC + " --rate 10Mbps --frame 1000 --for 10s");
        shell("hw:traffic hB --to " + VICTIM_SECOND_MAC + " --rate 5Mbps --frame 1000 --for 10s");
        shell("kernel:advance 1500ms"); // the baselines are learned

        shell("hw:flood " + VICTIM_MAC + " --rate 50Mbps --for 1s --via swA");
        shell("kernel:advance 200ms");
        assertEquals("the low-priority VM on the attacked set", "SUSPENDED", stateOf("low"));
        assertEquals("the priority-1 VM on the other set", "RUNNING", stateOf("other"));
        assertEquals("the VM at the bound, below the victim", "RUNNING", stateOf("mid"));
        String response = field(awaitEvent("\"topic\":\"nicmgr/dos/RESPONSE\",\"subject\":\"victim\""),
                "(\\{[^{}]*\"topic\":\"nicmgr/dos/RESPONSE\",\"subject\":\"victim\"[^}]*\\})");
        assertTrue(response, response.contains("\"suspendedVms\":[\"low\"]"));
        assertTrue(response, response.contains("\"uplinks\":[\"set1\"]"));
        assertTrue(response, response.contains("\"belowPriority\":5"));
        assertTrue(response, response.contains("suspended low (priority below 5, sharing set1 with VM victim)"));
        shell("kernel:advance 2s"); // the flood ends at 1 s, the attack 100 ms later, the response 500 ms after that
        assertEquals("resumed after the attack", "RUNNING", stateOf("low"));

        Configuration defence = configurations.getConfiguration(DOS_PID, "?");
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("suspendBelowPriority", 6);
            defence.update(properties);
            awaitStatus("\"suspendBelowPriority\":6");
            shell("hw:flood " + VICTIM_MAC + " --rate 50Mbps --for 1s --via swA");
            shell("kernel:advance 200ms");
            assertEquals("SUSPENDED", stateOf("low"));
            assertEquals("below the raised bound now", "SUSPENDED", stateOf("mid"));
            assertEquals("RUNNING", stateOf("other"));
        } finally {
            defence.delete();
        }
    }

    private void vm(String name, int priority, String uplink, String vnicOptions) throws Exception {
        shell("vm:create " + name + " --priority " + priority);
        shell("vm:start " + name);
        shell("vnic:add " + name + " --uplink " + uplink + " " + vnicOptions);
    }

    private String stateOf(String vm) throws Exception {
        return field(shell("vm:show " + vm + " --json"), "\"state\":\"(\\w+)\"");
    }

    /** Events arrive asynchronously: polls {@code events --json} until it holds {@code expected}. */
    private String awaitEvent(String expected) throws Exception {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String events = shell("events --json");
        while (!events.contains(expected)) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError(expected + " never shown: " + events);
            }
            Thread.onSpinWait();
            events = shell("events --json");
        }
        return events;
    }

    /**
     * ConfigAdmin hands the configuration to the component on its own thread: waits until {@code dos:status} shows
     * it, with the suite's safety net as the only deadline.
     */
    private void awaitStatus(String expected) throws Exception {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String status = shell("dos:status --json");
        while (!status.contains(expected)) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError(expected + " never shown: " + status);
            }
            Thread.onSpinWait();
            status = shell("dos:status --json");
        }
    }
}
