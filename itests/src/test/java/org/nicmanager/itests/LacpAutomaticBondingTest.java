package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * Patent steps 753-754 through the shell: with automatic bonding on, the two NICs on switch B (an LACP system) become
 * one bond, and the NIC alone on switch A, and the one on switch C that speaks no LACP, stay on their own.
 */
public class LacpAutomaticBondingTest extends NicManagerTestSupport {

    @Test
    public void nicsWithTheSameLacpPartnerFormOneBondAndALoneNicStaysOnItsOwn() throws Exception {
        shell("hw:switch add autoA --ports 4 --lacp active --lacp-rate fast");
        shell("hw:switch add autoB --ports 4 --lacp passive --lacp-rate fast");
        shell("hw:switch add autoC --ports 4");
        shell("hw:nic add p0 --model e1000 --switch autoA");
        shell("hw:nic add p1 --model e1000 --switch autoB");
        shell("hw:nic add p2 --model e1000 --switch autoB");
        shell("hw:nic add p3 --model e1000 --switch autoC");
        String off = shell("bond:auto --json");
        assertTrue(off, off.startsWith("{\"enabled\":false"));

        shell("bond:auto on");
        shell("kernel:advance 4s");
        String bonds = shell("bond:list --json");
        assertEquals(bonds, 1, bonds.split("\"name\":\"auto").length - 1);
        String auto0 = shell("bond:show auto0 --json");
        assertTrue(auto0, auto0.contains("\"lacp\":\"active\",\"aggregation\":{\"aggregator\":\"UP\""));
        assertTrue(auto0, auto0.contains("\"mux\":[{\"nic\":\"p1\",\"state\":\"DISTRIBUTING\"},"
                + "{\"nic\":\"p2\",\"state\":\"DISTRIBUTING\"}]"));

        String partners = shell("lacp:partners --json");
        assertTrue(partners, partners.contains("{\"nic\":\"p0\",\"bond\":null,\"lacp\":\"YES\""));
        assertTrue(partners, partners.contains("{\"nic\":\"p1\",\"bond\":\"auto0\",\"lacp\":\"YES\""));
        assertTrue(partners, partners.contains("{\"nic\":\"p2\",\"bond\":\"auto0\",\"lacp\":\"YES\""));
        assertTrue(partners, partners.contains("{\"nic\":\"p3\",\"bond\":null,\"lacp\":\"NO\""));

        String nics = shell("nic:list --json");
        assertTrue(nics, nics.contains("\"name\":\"p0\"") && nics.contains("\"name\":\"p3\""));
        shell("bond:auto off");
        assertTrue(shell("bond:auto --json").startsWith("{\"enabled\":false"));
        assertRefused("bond:auto sometimes", "bad bond:auto 'sometimes': expected on, off or nothing");
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            org.junit.Assert.fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }
}
