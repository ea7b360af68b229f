package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/**
 * Link aggregation through the shell (issue 7): a bond of two simulated cards negotiates LACP with an active fast
 * switch and spreads a VM's traffic over both; a member whose partner falls silent while its carrier stays up leaves
 * within the timeout (fast and slow); fallback to active-backup; static groups; refusals that name the bad value.
 * Time moves only by {@code kernel:advance}.
 */
public class LacpNegotiationTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:77:";

    /** Switch swID (LACP as given), cards aID and bID on its ports 1 and 2, host hID on port 3, bond bondID. */
    private void setUp(String id, String switchLacp, String bondLacp) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8 " + switchLacp);
        shell("hw:nic add a" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add b" + id + " --model e1000 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac " + HOST_MAC + id);
        shell("bond:create bond" + id + " --policy hash-l34 " + bondLacp);
        shell("bond:add bond" + id + " a" + id + " b" + id);
    }

    private String member(String bond, String nic) throws Exception {
        String json = shell("lacp:show " + bond + " --json");
        return field(json, "(\\{\"name\":\"" + nic + "\".*?\"lacpdusSent\":\\d+\\})");
    }

    private boolean distributing(String bond, String nic) throws Exception {
        return member(bond, nic).contains("\"distributing\":true");
    }

    @Test
    public void bothMembersDistributeWithinThreeSecondsAndAVmsTrafficUsesBoth() throws Exception {
        setUp("10", "--lacp active --lacp-rate fast", "--lacp active --lacp-rate fast");
        shell("kernel:advance 3s");
        for (String nic : new String[] {"a10", "b10"}) {
            String member = member("bond10", nic);
            assertTrue(member, member.contains("\"mux\":\"DISTRIBUTING\""));
            assertTrue(member, member.contains("\"state\":[\"ACTIVITY\",\"SHORT_TIMEOUT\",\"AGGREGATION\","
                    + "\"SYNCHRONIZATION\",\"COLLECTING\",\"DISTRIBUTING\"]"));
        }
        String bond = shell("bond:show bond10 --json");
        assertTrue(bond, bond.contains("\"lacp\":\"active\",\"aggregation\":{\"aggregator\":\"UP\""));

        shell("vm:create vm10");
        shell("vm:start vm10");
        shell("vnic:add vm10 --uplink bond10");
        shell("guest:traffic vm10 --to " + HOST_MAC + "10 --rate 500Mbps --frame 1000 --flows 64 --count 20000");
        shell("kernel:advance 1s");
        String shown = shell("bond:show bond10 --json");
        long a = number(field(shown, "(\\{\"name\":\"a10\"[^}]*\\})"), "txFrames");
        long b = number(field(shown, "(\\{\"name\":\"b10\"[^}]*\\})"), "txFrames");
        assertTrue("both members carry the VM's flows: " + a + " / " + b, a > 5_000 && b > 5_000);
        assertEquals(20_000, a + b);
    }

    @Test
    public void aSilentPartnerTakesItsMemberOutWithinThreeSecondsOnFastAndNinetyOnSlow() throws Exception {
        setUp("20", "--lacp active --lacp-rate fast", "--lacp active --lacp-rate fast");
        shell("kernel:advance 5s");
        shell("hw:fail sw20/2 lacp"); // b20's switch port: its carrier stays up
        assertEquals("3 s after the last LACPDU, give or take a fast period", 3_000,
                millisUntilOut("bond20", "b20", 5_000), 1_000.0);

        setUp("21", "--lacp active --lacp-rate fast", "--lacp active --lacp-rate slow");
        shell("kernel:advance 35s");
        assertTrue(distributing("bond21", "b21"));
        shell("hw:fail sw21/2 lacp");
        long slow = millisUntilOut("bond21", "b21", 100_000);
        assertTrue("out after " + slow + " ms", slow > 60_000 && slow <= 90_000);
        assertTrue(distributing("bond21", "a21"));
        String bond = shell("bond:show bond21 --json");
        assertTrue(bond, bond.contains("\"nic\":\"b21\",\"reason\":\"LACP\""));
    }

    /** Advances 100 ms at a time until the member stops distributing; returns how long that took. */
    private long millisUntilOut(String bond, String nic, long limitMillis) throws Exception {
        for (long waited = 100; waited <= limitMillis; waited += 100) {
            shell("kernel:advance 100ms");
            if (!distributing(bond, nic)) {
                return waited;
            }
        }
        fail(nic + " still distributing after " + limitMillis + " ms");
        return -1;
    }

    /** Issue 18 point 8: an unplugged member's port is UNSELECTED and its mux DETACHED (802.1AX 6.4.14-6.4.15). */
    @Test
    public void anUnpluggedMemberDetachesAndAttachesAgainWhenPluggedBack() throws Exception {
        setUp("60", "--lacp active --lacp-rate fast", "--lacp active --lacp-rate fast");
        shell("kernel:advance 3s");
        assertTrue(member("bond60", "b60").contains("\"mux\":\"DISTRIBUTING\""));
        shell("hw:unplug b60");
        shell("kernel:advance 5s");
        String unplugged = member("bond60", "b60");
        assertTrue(unplugged, unplugged.contains("\"mux\":\"DETACHED\",\"rx\":\"PORT_DISABLED\","
                + "\"selected\":\"UNSELECTED\""));
        assertTrue(unplugged, unplugged.contains("\"collecting\":false,\"distributing\":false"));
        assertTrue(distributing("bond60", "a60"));
        String bond = shell("bond:show bond60 --json");
        assertTrue(bond, bond.contains("{\"nic\":\"b60\",\"state\":\"DETACHED\"}"));

        shell("hw:plug b60");
        shell("kernel:advance 3s");
        assertTrue(member("bond60", "b60"), distributing("bond60", "b60"));
    }

    @Test
    public void withFallbackASwitchWithoutLacpGetsActiveBackupAndWithoutItNothing() throws Exception {
        setUp("30", "--lacp off", "--lacp active --lacp-rate fast --lacp-fallback 5s");
        shell("kernel:advance 4900ms");
        assertTrue(shell("lacp:show bond30 --json").contains("\"aggregator\":\"DOWN\""));
        shell("kernel:advance 100ms");
        String fallback = shell("lacp:show bond30 --json");
        assertTrue(fallback, fallback.contains("\"aggregator\":\"FALLBACK\""));
        assertTrue(distributing("bond30", "a30"));
        assertTrue("active-backup: one member", !distributing("bond30", "b30"));

        setUp("31", "--lacp off", "--lacp active --lacp-rate fast");
        for (int i = 0; i < 6; i++) {
            shell("kernel:advance 20s");
            assertTrue(!distributing("bond31", "a31") && !distributing("bond31", "b31"));
        }
    }

    @Test
    public void aStaticBondFacingAStaticSwitchGroupUsesBothLinksBothWays() throws Exception {
        setUp("40", "--lacp static", "--lacp static");
        String group = shell("hw:switch group sw40 po1 a40 b40");
        assertTrue(group, group.contains("static po1"));
        String bond = shell("bond:show bond40 --json");
        assertTrue(bond, bond.contains("\"aggregator\":\"STATIC\""));
        assertTrue(bond, bond.contains("{\"name\":\"a40\",\"state\":\"UP\",\"active\":true"));
        assertTrue(bond, bond.contains("{\"name\":\"b40\",\"state\":\"UP\",\"active\":true"));
    }

    @Test
    public void badLinkAggregationOptionsAreRefusedByNameAndChangeNothing() throws Exception {
        shell("hw:switch add sw50 --ports 4 --lacp static");
        shell("hw:nic add a50 --model e1000 --switch sw50");
        String bonds = shell("bond:list --json");
        String topology = shell("hw:topology --json");
        assertRefused("bond:create x50 --lacp sometimes", "bad --lacp 'sometimes': allowed off, static, active,"
                + " passive");
        assertRefused("bond:create x50 --lacp active --lacp-rate quick", "bad --lacp-rate 'quick': allowed fast,"
                + " slow");
        assertRefused("bond:create x50 --lacp static --lacp-rate fast", "--lacp-rate fast needs LACP");
        assertRefused("bond:create x50 --lacp active --min-links 0", "bad --min-links '0': a whole number from 1");
        assertRefused("bond:create x50 --lacp active --lacp-fallback soon", "bad --lacp-fallback 'soon'");
        assertRefused("hw:switch add sw51 --lacp maybe", "bad --lacp 'maybe': allowed off, static, active, passive");
        assertRefused("hw:switch add sw51 --lacp active --lacp-rate often", "bad --lacp-rate 'often'");
        assertRefused("hw:switch add sw51 --lacp off --lacp-rate fast", "--lacp-rate fast needs a switch that"
                + " speaks LACP");
        assertRefused("hw:switch group sw50 po1 a50 nowhere", "switch 'sw50' has no port 'nowhere' in use");
        assertRefused("hw:fail sw50/1 lacp", "switch 'sw50' speaks no LACP");
        assertRefused("lacp:show nobond", "no bond named 'nobond'");
        assertRefused("capture nothing /tmp/x.pcap", "unknown port 'nothing'");
        assertRefused("capture a50 /no/such/folder/x.pcap", "cannot write capture file '/no/such/folder/x.pcap'");
        assertEquals("a refused command changes nothing", bonds, shell("bond:list --json"));
        assertEquals(topology, shell("hw:topology --json"));
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }
}
