package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * The event timeline ({@code ops:events}, COMMANDS.md {@code events}): every {@code nicmgr/*} event with its kernel
 * time, subject and details, filtered by {@code --since}, as a table or one JSON document.
 */
public class OperatorTimelineTest extends NicManagerTestSupport {

    /**
     * Events arrive asynchronously, and those of one kernel instant need not arrive in the order they were posted:
     * polls the timeline until every one of {@code expected} shows, or fails at the deadline.
     */
    private String awaitEvents(String command, String... expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String events;
        do {
            events = shell(command);
            if (Arrays.stream(expected).allMatch(events::contains)) {
                return events;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        fail("not all of " + Arrays.toString(expected) + " in " + command + " within " + WAIT_SECONDS + " s: "
                + events);
        return events;
    }

    @Test
    public void aCablePullIsOnTheTimelineWithItsKernelTimeAndTheBondsFailover() throws Exception {
        shell("hw:switch add swT --ports 4");
        shell("hw:nic add t0 --model e1000 --switch swT");
        shell("hw:nic add t1 --model e1000 --switch swT");
        shell("bond:create bondT --policy round-robin");
        shell("bond:add bondT t0 t1");
        shell("kernel:advance 1500ms");
        long pulledAt = number(shell("kernel:info --json"), "nowNanos");
        shell("hw:unplug t0");

        String json = awaitEvents("ops:events --json", "\"topic\":\"nicmgr/bond/FAILOVER\"",
                "\"topic\":\"nicmgr/hw/UNPLUGGED\"");
        assertTrue(json, json.startsWith("{\"events\":[{\"time\":"));
        assertTrue(json, json.contains("{\"time\":" + pulledAt + ",\"topic\":\"nicmgr/bond/FAILOVER\","
                + "\"subject\":\"bondT\",\"details\":{\"nic.name\":\"t0\",\"reason\":\"CARRIER_LOST\"}}"));
        assertTrue(json, json.contains("{\"time\":" + pulledAt + ",\"topic\":\"nicmgr/hw/UNPLUGGED\","
                + "\"subject\":\"t0\""));
        assertTrue("the set-up at time 0 is there too: " + json, json.contains("\"topic\":\"nicmgr/bond/CREATED\""));

        String recent = shell("ops:events --since 1500ms --json");
        assertFalse("--since leaves out what came before: " + recent, recent.contains("nicmgr/bond/CREATED"));
        assertTrue(recent, recent.contains("nicmgr/bond/FAILOVER"));
        assertEquals(recent, shell("ops:events --since " + pulledAt + " --json"));

        String table = shell("ops:events --since 1s");
        assertTrue(table, table.contains("1.5s"));
        assertTrue(table, table.contains("nicmgr/bond/FAILOVER"));
        assertTrue(table, table.contains("nic.name=t0 reason=CARRIER_LOST"));
    }

    /** Issue 18 point 8: {@code ALLOCATION_CHANGED} names the uplink it applies on, in its properties and details. */
    @Test
    public void anAllocationChangeNamesItsUplink() throws Exception {
        shell("hw:switch add swU --ports 4");
        shell("hw:nic add u0 --model e1000 --switch swU");
        shell("bond:create bondU --policy failover-order");
        shell("bond:add bondU u0");
        shell("vm:create vmU");
        shell("vm:start vmU");
        shell("vnic:add vmU --uplink bondU");
        shell("vm:create vmV");
        shell("net:alloc vmU --shares 1500");
        shell("net:alloc vmV --shares 700");

        String json = awaitEvents("ops:events --json", "allocation of VM vmU on uplink bondU is now",
                "allocation of VM vmV (on no uplink yet) is now");
        String vmU = allocationEvent(json, "vmU");
        assertTrue(vmU, vmU.contains("\"uplink\":\"bondU\""));
        String vmV = allocationEvent(json, "vmV");
        assertFalse("a VM on no uplink names none: " + vmV, vmV.contains("\"uplink\""));
        String table = shell("ops:events");
        assertTrue(table, table.contains("uplink=bondU"));
    }

    /** The VM's ALLOCATION_CHANGED event, whole, from an {@code events --json} document. */
    private static String allocationEvent(String json, String vm) {
        return field(json, "(\\{[^{}]*\"topic\":\"nicmgr/resource/ALLOCATION_CHANGED\",\"subject\":\"" + vm
                + "\"[^}]*\\})");
    }

    @Test
    public void aBadSinceIsRefusedNamingIt() throws Exception {
        try {
            shell("ops:events --since yesterday");
            fail("a bad --since was taken");
        } catch (IllegalArgumentException refused) {
            assertEquals("bad --since 'yesterday': a kernel time, in nanoseconds (e.g. 1500000000) or with a unit ns,"
                    + " us, ms, s, m or h (e.g. 1.5s, 200ms)", refused.getMessage());
        }
    }
}
