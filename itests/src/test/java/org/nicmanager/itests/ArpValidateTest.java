package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Dictionary;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 18 point 5 on the simulated hardware: unknown-unicast flooding fills the switch ports towards both members of
 * an ARP-monitored bond, so the targets' answers die in the full egress queues. With Linux's default,
 * {@code --arp-validate none}, the flood the members receive is life, and both stay in service; with validation the
 * active member lives only by answers, and fails over, as Linux documents. Then updelay and downdelay at a cable pull,
 * and the refusals.
 */
public class ArpValidateTest extends NicManagerTestSupport {

    @Inject
    private ConfigurationAdmin configurations;

    /**
     * A switch with a 10 Gb/s host h{suffix} at 10.0.{subnet}.1 (the ARP target, and the flood's source) and two
     * e1000 cards for a bond, {suffix}0 and {suffix}1.
     */
    private void congestedWorld(String suffix, int subnet) throws Exception {
        shell("hw:switch add sw" + suffix + " --ports 8");
        shell("hw:host add h" + suffix + " --switch sw" + suffix + " --ip 10.0." + subnet + ".1 --speed 10Gbps");
        shell("hw:nic add " + suffix + "0 --model e1000 --switch sw" + suffix);
        shell("hw:nic add " + suffix + "1 --model e1000 --switch sw" + suffix);
    }

    /** 3 Gb/s to a MAC nobody has: the switch floods it to both members' 1 Gb/s ports, whose queues fill. */
    private void flood(String suffix) throws Exception {
        shell("hw:traffic h" + suffix + " --to 02:00:00:00:77:77 --rate 3Gbps --frame 1500");
    }

    @Test
    public void floodedMembersStayInServiceUnderNoneTheDefault() throws Exception {
        congestedWorld("C", 71);
        shell("bond:create bondC --policy failover-order --arp-target 10.0.71.1"
                + " --arp-interval 100ms --arp-missed 2");
        shell("bond:add bondC C0 C1");
        shell("kernel:advance 500ms");
        flood("C");
        shell("kernel:advance 1s"); // ten rounds: three intervals without an answer would have been enough

        String ports = shell("hw:switch ports swC --json");
        for (String member : new String[] {"C0", "C1"}) {
            long queueFull = Long.parseLong(field(ports, "\"device\":\"" + member + "\"[^}]*\"dropsQueueFull\":(\\d+)"));
            assertTrue(member + "'s port is congested: " + ports, queueFull > 100_000);
        }
        String shown = shell("bond:show bondC --json");
        // In service, both: C0 carries (ACTIVE), C1 stands by behind it; neither went UNUSED.
        assertTrue(shown, shown.contains("\"members\":[{\"name\":\"C0\",\"state\":\"UP\",\"active\":true"));
        assertTrue(shown, shown.contains("{\"name\":\"C1\",\"state\":\"UP\",\"active\":false"));
        assertTrue(shown, shown.contains("\"role\":\"STANDBY\""));
        assertFalse(shown, shown.contains("\"role\":\"UNUSED\""));
        assertTrue(shown, shown.contains("\"failovers\":0,"));
        assertTrue(shown, shown.contains("\"history\":[]"));
        assertFalse(shown, shown.contains("ARP_UNANSWERED"));
        assertTrue(shown, shown.contains("\"validate\":\"none\",\"allTargets\":\"any\""));
        long answers = Long.parseLong(field(shown, "\\{\"nic\":\"C0\",\"state\":\"UP\",\"probes\":\\d+,\"answers\":(\\d+)"));
        assertTrue("the answers died in the full queue: " + shown, answers <= 6);
        assertTrue("the members received the flood: " + shown, number(shown, "unknownDestination") > 100_000);
        shell("hw:traffic stop hC");
    }

    @Test
    public void withActiveValidationTheFloodedActiveMemberFailsOverAsInLinux() throws Exception {
        congestedWorld("V", 72);
        shell("bond:create bondV --policy failover-order --failback manual --arp-target 10.0.72.1"
                + " --arp-interval 100ms --arp-missed 2 --arp-validate active");
        shell("bond:add bondV V0 V1");
        shell("kernel:advance 500ms");
        String healthy = shell("bond:show bondV --json");
        assertTrue("the active member lives by answers alone, the backup by any frame: " + healthy, healthy.matches(
                "(?s).*\\{\"nic\":\"V0\",\"state\":\"UP\",\"probes\":5,\"answers\":\\d,\"validated\":true\\},"
                        + "\\{\"nic\":\"V1\",\"state\":\"UP\",\"probes\":5,\"answers\":\\d,\"validated\":false\\}.*"));
        flood("V");
        shell("kernel:advance 1s");
        String shown = shell("bond:show bondV --json");
        assertTrue("only answers keep the active member alive, and they are lost: " + shown,
                shown.matches("(?s).*\"history\":\\[\\{\"time\":\\d+,\"nic\":\"V0\",\"reason\":\"ARP_UNANSWERED\"\\}.*"));
        shell("hw:traffic stop hV");
    }

    @Test
    public void aDowndelayRidesOutAFlapAndAnUpdelayHoldsAReturningMemberBack() throws Exception {
        congestedWorld("D", 73);
        shell("bond:create bondD --policy failover-order --updelay 300ms --downdelay 200ms");
        shell("bond:add bondD D0 D1");
        String created = shell("bond:show bondD --json");
        assertTrue(created, created.contains("\"updelayNanos\":300000000,\"downdelayNanos\":200000000,"
                + "\"carrierDelayed\":{},\"flapsRiddenOut\":0"));

        shell("hw:unplug D0");
        shell("kernel:advance 100ms");
        assertTrue(shell("bond:show bondD --json").contains("\"carrierDelayed\":{\"D0\":\"downdelay\"}"));
        shell("hw:plug D0");
        shell("kernel:advance 1s");
        String riddenOut = shell("bond:show bondD --json");
        assertTrue(riddenOut, riddenOut.contains("\"failovers\":0,"));
        assertTrue(riddenOut, riddenOut.contains("\"flapsRiddenOut\":1"));

        shell("hw:unplug D0");
        shell("kernel:advance 199ms");
        assertTrue(shell("bond:show bondD --json").contains("{\"name\":\"D0\",\"state\":\"UP\",\"active\":true"));
        shell("kernel:advance 1ms");
        String failedOver = shell("bond:show bondD --json");
        assertTrue(failedOver, failedOver.contains("{\"name\":\"D0\",\"state\":\"DOWN\",\"active\":false"));
        assertTrue(failedOver, failedOver.contains("\"nic\":\"D0\",\"reason\":\"CARRIER_LOST\"}"));

        shell("hw:plug D0");
        shell("kernel:advance 299ms");
        String waiting = shell("bond:show bondD --json");
        assertTrue(waiting, waiting.contains("\"carrierDelayed\":{\"D0\":\"updelay\"}"));
        assertTrue(waiting, waiting.contains("{\"name\":\"D0\",\"state\":\"DOWN\",\"active\":false"));
        shell("kernel:advance 1ms");
        String back = shell("bond:show bondD --json");
        assertTrue(back, back.contains("{\"name\":\"D0\",\"state\":\"UP\",\"active\":true"));
        assertTrue(back, back.contains("\"failovers\":1,\"failbacks\":1,"));

        String text = shell("bond:show bondD");
        assertTrue(text, text.matches("(?s).*\\bupdelay +300ms\ndowndelay +200ms\n.*"));
    }

    @Test
    public void validationAndDelaysShowAndBadValuesAreRefusedByName() throws Exception {
        shell("bond:create bondS --policy failover-order --arp-target 10.0.9.1,10.0.9.2 --arp-validate filter_active"
                + " --arp-all-targets all --updelay 2s --downdelay 200ms");
        String shown = shell("bond:show bondS --json");
        assertTrue(shown, shown.contains("\"validate\":\"filter_active\",\"allTargets\":\"all\""));
        assertTrue(shown, shown.contains("\"updelayNanos\":2000000000,\"downdelayNanos\":200000000,"));
        String text = shell("bond:show bondS");
        assertTrue(text, text.contains("validate=filter_active allTargets=all"));
        Dictionary<String, Object> stored = configurations.getFactoryConfiguration("org.nicmanager.bond", "bondS", "?")
                .getProperties();
        assertEquals("kept in the bond's configuration", List.of("filter_active", "all", 2000L, 200L), List.of(
                stored.get("arpValidate"), stored.get("arpAllTargets"), stored.get("updelayMs"),
                stored.get("downdelayMs")));

        assertRefused("bond:create bondR --policy failover-order --arp-target 10.0.9.1 --arp-validate strict",
                "bad --arp-validate 'strict': expected none|active|backup|all|filter|filter_active|filter_backup");
        assertRefused("bond:create bondR --policy failover-order --arp-target 10.0.9.1 --arp-all-targets most",
                "bad --arp-all-targets 'most': expected any|all");
        assertRefused("bond:create bondR --policy failover-order --arp-target 10.0.9.1 --arp-all-targets all",
                "--arp-all-targets all needs a validating --arp-validate (active, backup, all, filter_active or"
                        + " filter_backup), not none");
        assertRefused("bond:create bondR --policy failover-order --arp-validate all",
                "--arp-validate all needs --arp-target");
        assertRefused("bond:create bondR --policy failover-order --updelay soon",
                "bad --updelay 'soon': a duration such as 200ms or 2s, 0 for none");
        assertRefused("bond:create bondR --policy failover-order --downdelay 2d", "bad --downdelay '2d'");
        assertFalse("nothing was made", shell("bond:list").contains("bondR"));
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
