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
        assertTrue("the hold-down typed, in nanoseconds: " + failedBack,
                failedBack.contains("\"failback\":\"delayed\",\"failbackHoldDownNanos\":2000000000,"));

        String text = shell("bond:show bondA");
        assertTrue("the hold-down in units: " + text, text.matches("(?s).*\\bfailback +delayed\n"
                + "failbackHoldDown +2s\n.*"));
        assertTrue("history times in units, as events prints them: " + text,
                text.matches("(?s).*\\bhistory\ntime +nic +reason\n0ns +fastA +CARRIER_LOST\n2s +fastA +\\w+.*"));
    }

    /**
     * Carrier cannot see a broken path beyond the first switch; the ARP monitor can. slowD, the primary, is on swE,
     * whose only way to the target h1 is the trunk to swD. The trunk is cut: slowD keeps carrier, hears no answer, and
     * fails over; the trunk's return brings it back.
     */
    @Test
    public void theArpMonitorFailsOverFromAMemberWhosePathIsBrokenBeyondItsSwitch() throws Exception {
        shell("hw:switch add swD --ports 8");
        shell("hw:switch add swE --ports 8");
        shell("hw:switch link swD swE");
        shell("hw:host add h1D --switch swD --ip 10.0.9.1");
        shell("hw:nic add fastD --model e1000 --switch swD");
        shell("hw:nic add slowD --model e1000 --switch swE");
        shell("bond:create bondD --policy failover-order --arp-target 10.0.9.1 --arp-interval 100ms --arp-missed 2");
        shell("bond:add bondD slowD fastD");
        shell("kernel:advance 1001ms"); // ten rounds, the last one's answers home too
        String healthy = shell("bond:show bondD --json");
        assertTrue(healthy, healthy.contains("\"arpMonitor\":{\"targets\":\"10.0.9.1\",\"interval\":\"100ms\","
                + "\"missedMax\":2,\"members\":[{\"nic\":\"slowD\",\"state\":\"UP\",\"probes\":10,\"answers\":10,"
                + "\"validated\":false},{\"nic\":\"fastD\",\"state\":\"UP\",\"probes\":10,\"answers\":10,"
                + "\"validated\":false}],\"probesNotSent\":0,\"probesReturned\":20,\"validate\":\"none\","
                + "\"allTargets\":\"any\"}"));
        assertTrue("the probes flooded back are the monitor's, not inbound traffic: " + healthy,
                healthy.contains("\"unknownDestination\":0,\"duplicateGroup\":0,"));

        shell("hw:unplug swE:swD");
        shell("kernel:advance 300ms");
        String cut = shell("bond:show bondD --json");
        assertTrue(cut, cut.contains("\"members\":[{\"name\":\"slowD\",\"state\":\"UP\",\"active\":false"));
        assertTrue(cut, cut.contains("{\"nic\":\"slowD\",\"state\":\"UNREACHABLE\",\"probes\":13,"));
        assertTrue(cut, cut.contains("{\"name\":\"fastD\",\"state\":\"UP\",\"active\":true"));
        assertTrue(cut, cut.contains("\"nic\":\"slowD\",\"reason\":\"ARP_UNANSWERED\"}"));

        shell("hw:plug swE:swD");
        shell("kernel:advance 200ms");
        String back = shell("bond:show bondD --json");
        assertTrue(back, back.contains("\"members\":[{\"name\":\"slowD\",\"state\":\"UP\",\"active\":true"));
        assertTrue(back, back.contains("\"failovers\":1,\"failbacks\":1,"));
        assertRefused("bond:create bondF --arp-target 10.0.9", "bad ARP target '10.0.9': expected a dotted IPv4"
                + " address such as 10.0.0.7");
        assertRefused("bond:create bondF --arp-interval 1s", "--arp-interval 1s needs --arp-target");
        assertRefused("bond:create bondF --lacp static --arp-target 10.0.9.1", "the ARP monitor needs a host-side"
                + " team (--lacp off), not --lacp static");
    }

    /**
     * hash-l34-rebalanced: four flows that all hash to one member are spread two and two at the first rebalance, 10 s
     * in, and the second rebalance finds nothing to move; no frame is lost or reordered.
     */
    @Test
    public void theRebalancedHashPolicyMovesBucketsFromTheBusiestMemberEveryTenSeconds() throws Exception {
        shell("hw:switch add swR --ports 8");
        shell("hw:nic add r0 --model e1000 --switch swR");
        shell("hw:nic add r1 --model e1000 --switch swR");
        shell("hw:host add hR --switch swR --mac 02:00:00:00:98:01");
        shell("bond:create bondR --policy hash-l34-rebalanced");
        shell("bond:add bondR r0 r1");
        shell("vm:create vmR");
        shell("vm:start vmR");
        shell("vnic:add vmR --uplink bondR");
        shell("guest:traffic vmR --to 02:00:00:00:98:01 --rate 400Mbps --frame 1000 --flows 4");
        shell("kernel:advance 9s"); // 400 Mb/s of 1000-byte frames is 50,000 frames a second
        String skewed = shell("bond:show bondR --json");
        assertTrue(skewed, Math.abs(txFrames(skewed, "r0") - 450_000) <= 2);
        assertEquals(skewed, 0, txFrames(skewed, "r1"));
        assertTrue(skewed, skewed.contains("\"rebalanceMoves\":0,"));

        shell("kernel:advance 11s"); // the rebalance at 10 s, then 10 s two flows a member
        String balanced = shell("bond:show bondR --json");
        assertTrue(balanced, Math.abs(txFrames(balanced, "r0") - 750_000) <= 2);
        assertTrue(balanced, Math.abs(txFrames(balanced, "r1") - 250_000) <= 2);
        assertTrue(balanced, balanced.contains("\"rebalanceMoves\":2,"));
        String received = shell("hw:host stats hR --json");
        assertTrue(received, received.contains("\"lostFrames\":0,\"reorderedFrames\":0,"));
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

    /** Linux, Open vSwitch and vSphere names work as aliases; bond:show keeps the canonical policy beside them. */
    @Test
    public void theAnchorsPolicyNamesAreAliasesShownBesideTheCanonicalPolicy() throws Exception {
        topology("F");
        shell("bond:create bondF --policy active-backup");
        shell("bond:add bondF fastF slowF");
        String created = shell("bond:show bondF --json");
        assertTrue(created, created.contains("\"policy\":\"failover-order\",\"policyAlias\":\"active-backup\","));
        String text = shell("bond:show bondF");
        assertTrue(text, text.matches("(?s).*\\bpolicy +failover-order\n+policyAlias +active-backup\n.*"));

        shell("bond:policy bondF balance-tcp");
        String changed = shell("bond:show bondF --json");
        assertTrue(changed, changed.contains("\"policy\":\"hash-l34\",\"policyAlias\":\"balance-tcp\","));

        shell("bond:policy bondF round-robin");
        String canonical = shell("bond:show bondF --json");
        assertTrue(canonical, canonical.contains("\"policy\":\"round-robin\",\"policyAlias\":null,"));

        String before = shell("bond:list --json");
        assertRefused("bond:policy bondF balance-alb", "policy 'balance-alb' is refused: it balances receive traffic"
                + " by rewriting ARP replies");
        assertRefused("bond:create x --policy 802.3ad", "use --lacp active --policy hash-l2");
        assertEquals("a refused alias changes nothing", before, shell("bond:list --json"));

        shell("bond:policy bondF loadbalance_loadbased");
        String loadBased = shell("bond:show bondF --json");
        assertTrue(loadBased, loadBased.contains("\"policy\":\"load-based\",\"policyAlias\":\"loadbalance_loadbased\","));
    }

    /**
     * A bond made without --policy routes by the VM's virtual port (per-vm), as vSphere does for VMs, never
     * round-robin, which reorders flows.
     */
    @Test
    public void aNewBondIsPerVmByDefault() throws Exception {
        topology("P");
        shell("bond:create bondP");
        String created = shell("bond:show bondP --json");
        assertTrue(created, created.contains("\"policy\":\"per-vm\",\"policyAlias\":null,"));
        assertTrue(created, created.contains("\"loadBased\":null"));
        assertTrue(shell("bond:list"), shell("bond:list").matches("(?s).*\\bbondP +per-vm\\b.*"));
    }

    /** The load-based thresholds: on bond:create, shown by bond:show, refused by name outside their range. */
    @Test
    public void loadBasedThresholdsAreTheBondsOwnAndCheckedByName() throws Exception {
        topology("Q");
        shell("bond:create bondL --policy load-based --load-based-threshold-percent 80 --load-based-window 1m");
        String created = shell("bond:show bondL --json");
        assertTrue(created, created.contains("\"loadBased\":{\"thresholdPercent\":80,\"windowSeconds\":60}"));
        String text = shell("bond:show bondL");
        assertTrue(text, text.matches("(?s).*\\bloadBased +thresholdPercent=80 windowSeconds=60\n.*"));

        String before = shell("bond:list --json");
        assertRefused("bond:create x --policy load-based --load-based-threshold-percent 100",
                "bad --load-based-threshold-percent '100': a whole percentage from 1 to 99");
        assertRefused("bond:create x --policy load-based --load-based-threshold-percent most",
                "bad --load-based-threshold-percent 'most': a whole percentage from 1 to 99");
        assertRefused("bond:create x --policy load-based --load-based-window 1500ms",
                "bad --load-based-window '1500ms': a whole number of seconds from 1s to 1h, e.g. 30s");
        assertRefused("bond:create x --policy load-based --load-based-window 2h",
                "bad --load-based-window '2h': a whole number of seconds from 1s to 1h");
        assertRefused("bond:create x --policy hash-l34 --load-based-window 30s",
                "--load-based-window 30s needs --policy load-based, not hash-l34");
        assertEquals("a refused command changes nothing", before, shell("bond:list --json"));
    }

    /** A member's {@code txFrames} in {@code bond:show --json}. */
    private static long txFrames(String bond, String nic) {
        java.util.regex.Matcher member = java.util.regex.Pattern.compile("\\{\"name\":\"" + nic
                + "\",\"state\":\"[A-Z]+\",\"active\":(true|false),\"txFrames\":(\\d+)").matcher(bond);
        assertTrue(bond, member.find());
        return Long.parseLong(member.group(2));
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
