package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/**
 * A member whose transmit ring is full (BUSY), through the shell on simulated e1000s (issue 18 point 1): the full ring
 * applies back-pressure within the policy, so an active-backup bond never spills onto its standby and no flow of a
 * hash or LACP bond moves frame by frame; the excess waits in the resource manager's per-VM queues and is dropped
 * there with a reason when they are full. {@code --failover-on-busy} fails over a member whose ring stays full, with an
 * event, and the failback mode brings it back. Time moves only by {@code kernel:advance}.
 */
public class BusyMemberTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:55:";

    /** Switch swID, e1000s aID and bID, host hID, bond bondID (options as given) with VMs webID and appID on it. */
    private void setUp(String id, String switchOptions, String bondOptions) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8" + switchOptions);
        shell("hw:nic add a" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add b" + id + " --model e1000 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac " + HOST_MAC + id);
        shell("bond:create bond" + id + " " + bondOptions);
        shell("bond:add bond" + id + " a" + id + " b" + id);
        for (String vm : new String[] {"web" + id, "app" + id}) {
            shell("vm:create " + vm);
            shell("vm:start " + vm);
            shell("vnic:add " + vm + " --uplink bond" + id);
        }
    }

    /** Both VMs send 8 flows each (16 in all) of full-size frames at {@code rate}, for one second of kernel time. */
    private void sendSixteenFlows(String id, String rate) throws Exception {
        for (String vm : new String[] {"web" + id, "app" + id}) {
            shell("guest:traffic " + vm + " --to " + HOST_MAC + id + " --rate " + rate + " --frame 1514 --flows 8"
                    + " --for 1s");
        }
        shell("kernel:advance 1s");
    }

    @Test
    public void activeBackupAtTwiceItsActiveMembersRateSendsNothingOnTheStandbyAndReordersNothing() throws Exception {
        setUp("10", "", "--policy failover-order");
        sendSixteenFlows("10", "1Gbps");
        String bond = shell("bond:show bond10 --json");
        assertTrue(bond, memberFrames(bond, "a10") > 80_000);
        assertEquals("the standby sends nothing while the active member is up: " + bond, 0,
                memberFrames(bond, "b10"));
        assertEquals(0, number(bond, "failovers"));
        assertTrue(bond, number(bond, "busyRefusals") > 0);
        assertEquals(0, number(bond, "busyRedirects"));
        assertBondAccountsForEveryFrame(bond);
        String host = shell("hw:host stats h10 --json");
        assertEquals(host, 0, number(host, "reorderedFrames"));
        assertExcessWaitsOrIsDroppedWithAReason("10");
    }

    @Test
    public void aSaturatedHashBondWithSixteenFlowsReordersNothing() throws Exception {
        setUp("20", "", "--policy hash-l34");
        sendSixteenFlows("20", "1500Mbps");
        String bond = shell("bond:show bond20 --json");
        assertTrue(bond, memberFrames(bond, "a20") > 10_000 && memberFrames(bond, "b20") > 10_000);
        assertTrue(bond, number(bond, "busyRefusals") > 0);
        assertEquals("no flow left its member: " + bond, 0, number(bond, "busyRedirects"));
        assertBondAccountsForEveryFrame(bond);
        String host = shell("hw:host stats h20 --json");
        assertEquals(host, 0, number(host, "reorderedFrames"));
        assertExcessWaitsOrIsDroppedWithAReason("20");
    }

    @Test
    public void aSaturatedLacpBondWithSixteenFlowsReordersNothing() throws Exception {
        setUp("30", " --lacp active --lacp-rate fast", "--policy hash-l34 --lacp active --lacp-rate fast");
        shell("kernel:advance 3s"); // both members distribute
        sendSixteenFlows("30", "1500Mbps");
        String bond = shell("bond:show bond30 --json");
        assertTrue(bond, bond.contains("\"aggregation\":{\"aggregator\":\"UP\""));
        assertTrue(bond, memberFrames(bond, "a30") > 10_000 && memberFrames(bond, "b30") > 10_000);
        assertEquals(bond, 0, number(bond, "busyRedirects"));
        assertBondAccountsForEveryFrame(bond);
        String host = shell("hw:host stats h30 --json");
        assertEquals(host, 0, number(host, "reorderedFrames"));
        assertExcessWaitsOrIsDroppedWithAReason("30");
    }

    @Test
    public void failoverOnBusyFailsAStuckMemberOverWithAnEventAndTheFailbackModeBringsItBack() throws Exception {
        setUp("40", "", "--policy failover-order --failback delayed:30ms --failover-on-busy 5ms");
        assertShows(shell("bond:show bond40"), "failoverOnBusy\\s+5ms");
        shell("guest:traffic web40 --to " + HOST_MAC + "40 --rate 500Mbps --frame 1514 --for 200ms");
        shell("kernel:advance 100ms");
        shell("hw:fail a40 ring --for 50ms");
        shell("kernel:advance 4ms");
        assertEquals("a ring full for 4 ms is no failover yet", 0, number(shell("bond:show bond40 --json"),
                "failovers"));
        shell("kernel:advance 2ms");
        String over = shell("bond:show bond40 --json");
        assertEquals(over, 1, number(over, "failovers"));
        assertTrue(over, over.contains("{\"name\":\"a40\",\"state\":\"UP\",\"active\":false"));
        assertTrue(over, over.contains("\"nic\":\"a40\",\"reason\":\"BUSY\""));
        String events = shell("events --json");
        assertTrue(events, events.contains("\"topic\":\"nicmgr/bond/FAILOVER\",\"subject\":\"bond40\",\"details\":"
                + "{\"nic.name\":\"a40\",\"reason\":\"BUSY\"}"));
        long standby = memberFrames(over, "b40");
        shell("kernel:advance 40ms"); // 146 ms: the ring is still stuck
        assertTrue("the standby took over as a whole", memberFrames(shell("bond:show bond40 --json"), "b40")
                > standby + 1_000);
        shell("kernel:advance 33ms"); // the ring has room from 150 ms; the 30 ms hold-down ends at 180 ms
        assertTrue(shell("bond:show bond40 --json").contains("{\"name\":\"a40\",\"state\":\"UP\",\"active\":false"));
        shell("kernel:advance 2ms");
        String back = shell("bond:show bond40 --json");
        assertEquals(back, 1, number(back, "failbacks"));
        assertTrue(back, back.contains("{\"name\":\"a40\",\"state\":\"UP\",\"active\":true"));
        assertTrue(back, back.contains("\"nic\":\"a40\",\"reason\":\"FAILBACK\""));
        long carried = memberFrames(back, "b40");
        shell("kernel:advance 20ms");
        assertEquals("the standby stands by again", carried, memberFrames(shell("bond:show bond40 --json"), "b40"));
        String host = shell("hw:host stats h40 --json");
        assertEquals(host, 0, number(host, "lostFrames"));
    }

    @Test
    public void failoverOnBusyIsOffByDefaultSetLiveAndRefusedOutsideItsRange() throws Exception {
        shell("hw:switch add sw50 --ports 8");
        shell("hw:nic add a50 --model e1000 --switch sw50");
        String created = shell("bond:create bond50 --policy failover-order --failback immediate");
        assertShows(created, "failoverOnBusy\\s+-");
        assertTrue(shell("bond:show bond50 --json").contains("\"failoverOnBusyNanos\":null"));
        String set = shell("bond:busy bond50 250ms");
        assertShows(set, "failoverOnBusy\\s+250ms");
        assertTrue(shell("bond:show bond50 --json").contains("\"failoverOnBusyNanos\":250000000"));
        assertRefused("bond:busy bond50 500us",
                "bad failover-on-busy time '500us': off, or a duration from 1ms to 1h (e.g. 500ms)");
        assertRefused("bond:busy bond50 soon",
                "bad failover-on-busy time 'soon': off, or a duration from 1ms to 1h (e.g. 500ms)");
        assertRefused("bond:create bond51 --policy failover-order --failover-on-busy 2h",
                "bad failover-on-busy time '2h': off, or a duration from 1ms to 1h (e.g. 500ms)");
        assertTrue("a refused setting changes nothing",
                shell("bond:show bond50 --json").contains("\"failoverOnBusyNanos\":250000000"));
        assertTrue(shell("bond:list").contains("bond50") && !shell("bond:list").contains("bond51"));
        assertShows(shell("bond:busy bond50 off"), "failoverOnBusy\\s+-");
    }

    private static void assertShows(String text, String regex) {
        assertTrue(text, java.util.regex.Pattern.compile("(?m)^" + regex + "$").matcher(text).find());
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertEquals(expected, refused.getMessage());
        }
    }

    /** Every frame the bond took is on the wire, dropped with a reason, or waiting in its backlog. */
    private static void assertBondAccountsForEveryFrame(String bond) {
        assertEquals(bond, number(bond, "offeredFrames"), number(bond, "sentFrames") + number(bond, "droppedFrames")
                + number(bond, "queuedFrames"));
    }

    /**
     * The load beyond the bond's members waited in the resource manager's per-VM queues, which dropped what did not
     * fit there with a reason (QUEUE_FULL); every frame each VM offered is sent, waiting, or dropped.
     */
    private void assertExcessWaitsOrIsDroppedWithAReason(String id) throws Exception {
        String stats = shell("net:stats --json");
        for (String vm : new String[] {"web" + id, "app" + id}) {
            String figures = field(stats, "(\\{\"name\":\"" + vm + "\".*?\"windowNs\":\\d+[^{}]*\\})");
            assertEquals(figures, number(figures, "offeredFrames"), number(figures, "sentFrames")
                    + number(figures, "schedulerQueuedFrames") + number(figures, "droppedFrames"));
            assertTrue(figures, number(figures, "QUEUE_FULL") > 0);
            assertEquals(figures, number(figures, "droppedFrames"), number(figures, "QUEUE_FULL"));
            assertEquals("the bond dropped nothing downstream: " + figures, "{}",
                    field(figures, "\"droppedDownstream\":(\\{[^}]*\\})"));
        }
    }

    private static long memberFrames(String bond, String member) {
        return Long.parseLong(field(bond, "\\{\"name\":\"" + member + "\"[^}]*\"txFrames\":(\\d+)"));
    }
}
