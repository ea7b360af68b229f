package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * Issue 18 point 7, as an operator meets it: vSphere's load-based teaming ({@code --policy load-based}) on two
 * simulated e1000s. Three VMs send to an external host; two of them share a member and keep it at 81 % of its line
 * rate. Nothing moves for 29 s; in the 31st second one of the two ports moves to the other member, the move is in the
 * bond's history and on the event timeline, and the host counts no frame reordered. At 69 % nothing ever moves.
 *
 * <p>The busy member's second VM sends in bursts of 200 frames, so that its ring is deep when the port moves: the
 * moved VM's last frames wait behind a burst there. Moved at once, its next frames overtook them on the idle member
 * (4 frames reordered in this run); the move's hold, until the old ring is sent, keeps them in order.
 */
public class LoadBasedTeamingTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:97:0";

    /**
     * A switch, two e1000s in load-based bond {@code lb{id}}, host {@code h{id}}, and VMs a, b, c sending 1514-byte
     * frames in 4 flows for 70 s, each as its {@code guest:traffic} options say. Each VM starts a millisecond after the
     * previous one, so their ports are placed in turn: a and c on the first member, b on the second.
     */
    private void setUp(String id, String... traffic) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add m" + id + "a --model e1000 --switch sw" + id);
        shell("hw:nic add m" + id + "b --model e1000 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac " + HOST_MAC + id);
        shell("bond:create lb" + id + " --policy load-based");
        shell("bond:add lb" + id + " m" + id + "a m" + id + "b");
        for (int vm = 0; vm < 3; vm++) {
            String name = "abc".charAt(vm) + "vm" + id;
            shell("vm:create " + name);
            shell("vm:start " + name);
            shell("vnic:add " + name + " --uplink lb" + id);
        }
        for (int vm = 0; vm < 3; vm++) {
            shell("guest:traffic " + "abc".charAt(vm) + "vm" + id + " --to " + HOST_MAC + id + " " + traffic[vm]
                    + " --frame 1514 --flows 4 --for 70s");
            shell("kernel:advance 1ms");
        }
    }

    @Test
    public void aPortMovesOnlyAfterItsMemberWasBusyForThirtySecondsAndNothingIsReordered() throws Exception {
        // 380 + 420 Mb/s of frames is 812 Mb/s on the wire: 81 % for the first member; 20 % for the second.
        setUp("1", "--rate 380Mbps", "--rate 200Mbps", "--rate 420Mbps --pattern burst --burst-frames 200");

        String created = shell("bond:show lb1 --json");
        assertTrue(created, created.contains("\"policy\":\"load-based\","));
        assertTrue(created, created.contains("\"loadBased\":{\"thresholdPercent\":75,\"windowSeconds\":30}"));

        shell("kernel:advance 29s");
        String at29 = shell("bond:show lb1 --json");
        assertEquals("29 s at 81 %: nothing moved " + at29, 0, number(at29, "rebalanceMoves"));
        assertFalse(at29, at29.contains("LOAD_MOVED"));

        shell("kernel:advance 2s");
        String at31 = shell("bond:show lb1 --json");
        assertEquals("moved in the 31st second: " + at31, 1, number(at31, "rebalanceMoves"));
        assertTrue(at31, at31.contains("\"nic\":\"m1b\",\"reason\":\"LOAD_MOVED\""));
        String events = awaitEvents("\"topic\":\"nicmgr/bond/PORT_MOVED\"");
        assertTrue(events, events.matches("(?s).*\"subject\":\"lb1\",\"details\":\\{[^}]*\"details\":\"port \\d+ moved"
                + " from m1a \\(8[01] % busy for 30 s, threshold 75 %\\) to m1b \\(2\\d %\\)\".*"));

        shell("kernel:advance 40s"); // past the traffic's end: 58 % and 43 % now, so nothing more moves
        String after = shell("bond:show lb1 --json");
        assertEquals(after, 1, number(after, "rebalanceMoves"));
        String host = shell("hw:host stats h1 --json");
        assertEquals("no frame of a moved port overtook another: " + host, 0, number(host, "reorderedFrames"));
        assertEquals(host, 0, number(host, "lostFrames"));
        assertEquals(after, 0, number(after, "droppedFrames"));
        long[] member = {txFrames(after, "m1a"), txFrames(after, "m1b")};
        assertTrue("each member carries one heavy VM's frames now: " + after, member[1] > member[0] / 2);
    }

    @Test
    public void aMemberAtSixtyNinePercentNeverMovesAPort() throws Exception {
        // 340 Mb/s of frames is 345 Mb/s on the wire: 69 % for the member of two.
        setUp("2", "--rate 340Mbps", "--rate 200Mbps", "--rate 340Mbps --pattern burst --burst-frames 200");

        shell("kernel:advance 70s");
        String bond = shell("bond:show lb2 --json");
        assertEquals(bond, 0, number(bond, "rebalanceMoves"));
        assertFalse(bond, bond.contains("LOAD_MOVED"));
        assertEquals(0, number(shell("hw:host stats h2 --json"), "reorderedFrames"));
    }

    /** A member's {@code txFrames} in {@code bond:show --json}. */
    private static long txFrames(String bond, String nic) {
        return Long.parseLong(field(bond, "\\{\"name\":\"" + nic + "\"[^}]*?\"txFrames\":(\\d+)"));
    }

    /** Events arrive asynchronously: polls the timeline until {@code expected} shows, or fails at the deadline. */
    private String awaitEvents(String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String events;
        do {
            events = shell("ops:events --json");
            if (events.contains(expected)) {
                return events;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        fail("no " + expected + " on the timeline within " + WAIT_SECONDS + " s: " + events);
        return events;
    }
}
