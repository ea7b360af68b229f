package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;

import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * Bonds through the shell on simulated cards: failover at a cable pull and at the removal of a member's driver,
 * delayed failback, and the membership rules' refusals.
 */
public class BondCommandsTest extends NicManagerTestSupport {

    private void topology(String suffix) throws Exception {
        shell("hw:switch add sw" + suffix + " --ports 8");
        shell("hw:nic add fast" + suffix + " --model e1000 --switch sw" + suffix);
        shell("hw:nic add slow" + suffix + " --model e100 --switch sw" + suffix);
    }

    @Test
    public void aCablePullFailsOverAtOnceAndADelayedFailbackWaitsForTheHoldDown() throws Exception {
        topology("A");
        shell("bond:create bondA --policy round-robin --failback delayed:2s");
        shell("bond:add bondA fastA slowA");
        assertTrue(shell("bond:show bondA --json").contains(
                "\"members\":[{\"name\":\"fastA\",\"state\":\"UP\",\"active\":true"));

        shell("hw:unplug fastA");
        String failedOver = shell("bond:show bondA --json");
        assertTrue(failedOver, failedOver.contains("{\"name\":\"fastA\",\"state\":\"DOWN\",\"active\":false"));
        assertTrue(failedOver, failedOver.contains("\"failovers\":1,\"failbacks\":0,"));
        assertTrue(failedOver, failedOver.contains("\"history\":[{\"time\":0,\"nic\":\"fastA\",\"reason\":\"CARRIER_LOST\"}]"));

        shell("hw:plug fastA");
        shell("kernel:advance 1999ms");
        assertTrue(shell("bond:show bondA --json").contains("{\"name\":\"fastA\",\"state\":\"UP\",\"active\":false"));
        shell("kernel:advance 1ms");
        String failedBack = shell("bond:show bondA --json");
        assertTrue(failedBack, failedBack.contains("{\"name\":\"fastA\",\"state\":\"UP\",\"active\":true"));
        assertTrue(failedBack, failedBack.contains("\"failovers\":1,\"failbacks\":1,"));
    }

    @Test
    public void stoppingAMembersDriverFailsTheBondOver() throws Exception {
        topology("B");
        shell("bond:create bondB --policy failover-order");
        shell("bond:add bondB fastB slowB");
        Bundle e1000 = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("drivers.e1000sim")).findFirst().orElseThrow();
        e1000.stop();
        try {
            String shown = shell("bond:show bondB --json");
            // fastB left the bond with its driver; the bond keeps it as an absent NIC that rejoins when it returns.
            assertTrue(shown, shown.contains("\"members\":[{\"name\":\"slowB\",\"state\":\"UP\",\"active\":true"));
            assertTrue(shown, shown.contains("\"absentNics\":[\"fastB\"]"));
            assertTrue(shown, shown.contains("\"failovers\":1,\"failbacks\":0,"));
        } finally {
            e1000.start();
        }
        shell("kernel:advance 1ms");
        String back = shell("bond:show bondB --json");
        assertTrue("the driver is back, and fastB with it, first again: " + back, back.contains(
                "\"members\":[{\"name\":\"fastB\",\"state\":\"UP\",\"active\":true"));
        assertTrue(back, back.contains("\"absentNics\":[]"));
    }

    @Test
    public void breachesOfTheRulesAreRefusedByName() throws Exception {
        topology("C");
        shell("bond:create bondC");
        shell("bond:add bondC fastC");
        shell("bond:create otherC --policy hash-l34");
        String before = shell("bond:list --json");
        assertRefused("bond:add otherC fastC", "NIC fastC is already in bond bondC; a NIC is in at most one bond");
        assertRefused("bond:add bondC ghost", "unknown NIC 'ghost'");
        assertRefused("bond:add nobond slowC", "no bond named 'nobond'");
        assertRefused("bond:create bondC", "a bond named 'bondC' already exists");
        assertRefused("bond:create x --policy fastest", "unknown policy 'fastest'; allowed: round-robin");
        assertRefused("bond:create x --failback sometimes", "unknown failback 'sometimes'");
        assertRefused("bond:remove bondC slowC", "NIC slowC is not a member of bond bondC");
        assertEquals("a refused command changes nothing", before, shell("bond:list --json"));
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
