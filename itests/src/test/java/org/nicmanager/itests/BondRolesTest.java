package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/**
 * Issue 18, points 2 and 3, through the shell on simulated hardware in virtual time: every bond member's role by the
 * policy (ACTIVE, STANDBY, UNUSED, NOT_SELECTED with the reason) in {@code bond:show --json} and {@code nic:list}, for
 * active-backup, LACP with a member of another key, and a spreading policy; and admission and {@code net:whatif}
 * against what the policy carries: the active member of a failover-order bond, not its standby too.
 */
public class BondRolesTest extends NicManagerTestSupport {

    /** Bond bondID of two cards on switch swID: xID (an e1000) then yID (as given), the policy as given. */
    private void setUp(String id, String switchLacp, String secondModel, String bondOptions) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8 " + switchLacp);
        shell("hw:nic add x" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add y" + id + " --model " + secondModel + " --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac 02:00:00:00:78:" + id);
        shell("bond:create bond" + id + " " + bondOptions);
        shell("bond:add bond" + id + " x" + id + " y" + id);
    }

    /** One member's object in a {@code bond:show --json} or {@code bond:list --json} document. */
    private static String member(String bond, String nic) {
        return field(bond, "(\\{\"name\":\"" + nic + "\",\"state\":[^{}]*?\"roleReason\":(?:null|\"[^\"]*\")\\})");
    }

    private static String role(String bond, String nic) {
        return field(member(bond, nic), "\"role\":\"([A-Z_]+)\"");
    }

    private static String reason(String bond, String nic) {
        return field(member(bond, nic), "\"roleReason\":\"([^\"]*)\"");
    }

    private static String nicRole(String nics, String nic) {
        return field(nics, "\\{\"name\":\"" + nic + "\",[^{}]*?\"role\":(null|\"[A-Z_]+\")");
    }

    @Test
    public void activeBackupHasOneActiveMemberAndAStandbyThatTakesOver() throws Exception {
        setUp("10", "", "e1000", "--policy failover-order");
        String bond = shell("bond:show bond10 --json");
        assertEquals("ACTIVE", role(bond, "x10"));
        assertEquals("STANDBY", role(bond, "y10"));
        assertTrue(member(bond, "y10"), member(bond, "y10").contains("\"active\":false"));
        assertEquals("in service, standing by behind x10 in the failover order", reason(bond, "y10"));
        assertTrue(bond, bond.contains("\"carryingNow\":[\"x10\"]"));
        String nics = shell("nic:list --json");
        assertEquals("\"ACTIVE\"", nicRole(nics, "x10"));
        assertEquals("\"STANDBY\"", nicRole(nics, "y10"));
        assertTrue(shell("bond:show bond10"), shell("bond:show bond10").contains("carryingNow       [x10]"));

        shell("hw:unplug x10");
        String failed = shell("bond:show bond10 --json");
        assertEquals("UNUSED", role(failed, "x10"));
        assertEquals("link DOWN", reason(failed, "x10"));
        assertEquals("ACTIVE", role(failed, "y10"));
        assertTrue(failed, failed.contains("\"carryingNow\":[\"y10\"]"));

        shell("hw:plug x10");
        shell("kernel:advance 10ms");
        String back = shell("bond:show bond10 --json");
        assertEquals("ACTIVE", role(back, "x10"));
        assertEquals("STANDBY", role(back, "y10"));
    }

    @Test
    public void lacpLeavesAMemberOfAnotherKeyNotSelectedAndSaysWhy() throws Exception {
        setUp("20", "--lacp active --lacp-rate fast", "e100", "--policy hash-l34 --lacp active --lacp-rate fast");
        shell("kernel:advance 3s");
        String bond = shell("bond:show bond20 --json");
        assertEquals("ACTIVE", role(bond, "x20"));
        assertEquals("NOT_SELECTED", role(bond, "y20"));
        assertTrue(bond, bond.contains("{\"nic\":\"y20\",\"state\":\"DETACHED\"}"));
        String why = reason(bond, "y20");
        assertTrue(why, why.startsWith("not in the selected aggregator (key 7 to 32768,"));
        assertTrue(why, why.contains("partner key 5 differs from 7; own key 5 differs from 7 (another speed)"));
        assertTrue(bond, bond.contains("\"carryingNow\":[\"x20\"]"));
        assertEquals("\"NOT_SELECTED\"", nicRole(shell("nic:list --json"), "y20"));
        String shown = shell("nic:show y20 --json");
        assertTrue(shown, shown.contains("\"bond\":\"bond20\",\"role\":\"NOT_SELECTED\",\"roleReason\":\"" + why
                + "\""));
    }

    @Test
    public void aSpreadingPolicyMakesEveryMemberInServiceActive() throws Exception {
        setUp("30", "", "e1000", "--policy round-robin");
        String bond = shell("bond:show bond30 --json");
        assertEquals("ACTIVE", role(bond, "x30"));
        assertEquals("ACTIVE", role(bond, "y30"));
        assertTrue(reason(bond, "y30"), reason(bond, "y30").contains("round-robin spreads traffic"));
        assertTrue(bond, bond.contains("\"carryingNow\":[\"x30\",\"y30\"]"));
        assertTrue(shell("net:stats --json"), shell("net:stats --json").contains("{\"name\":\"bond30\","
                + "\"capacityBps\":2000000000,"));
    }

    @Test
    public void aFailoverOrderBondAdmitsAgainstItsActiveMemberAndLosingTheStandbyChangesNothing() throws Exception {
        setUp("40", "", "e1000", "--policy failover-order");
        for (String vm : new String[] {"web40", "app40"}) {
            shell("vm:create " + vm);
            shell("vm:start " + vm);
            shell("vnic:add " + vm + " --uplink bond40");
        }
        shell("net:alloc web40 --reservation 700Mbps");
        try {
            shell("net:alloc app40 --reservation 700Mbps");
            fail("a second 700 Mb/s reservation was admitted on a 2x1 Gb/s failover-order bond");
        } catch (IllegalArgumentException refused) {
            assertEquals("reservation 700Mbps for VM app40 does not fit uplink bond40: its capacity with every member"
                    + " up and selected is 1Gbps and other VMs reserve 700Mbps there, leaving 300Mbps (it carries 1Gbps"
                    + " now)", refused.getMessage());
        }
        assertTrue(shell("net:stats --json"), shell("net:stats --json").contains("{\"name\":\"bond40\","
                + "\"capacityBps\":1000000000,"));

        String standbyFails = shell("net:whatif fail y40 --json");
        assertTrue(standbyFails, standbyFails.contains("\"capacityBps\":1000000000,\"capacityAfterBps\":1000000000"));
        assertTrue(standbyFails, standbyFails.contains("\"vm\":\"web40\"") && !standbyFails.contains(
                "\"reservationHolds\":false"));
        String activeFails = shell("net:whatif fail x40 --json");
        assertTrue(activeFails, activeFails.contains("\"capacityBps\":1000000000,\"capacityAfterBps\":1000000000"));

        shell("hw:unplug x40");
        assertTrue("failover: the standby's 1 Gb/s", shell("net:stats --json").contains("{\"name\":\"bond40\","
                + "\"capacityBps\":1000000000,"));
        shell("hw:unplug y40");
        assertTrue("nothing left", shell("net:stats --json").contains("{\"name\":\"bond40\",\"capacityBps\":0,"));
    }
}
