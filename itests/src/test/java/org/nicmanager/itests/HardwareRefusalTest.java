package org.nicmanager.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * Operator mistakes on the {@code hw:} commands: each is refused with a message that names the bad value, and nothing
 * changes: the NIC list and the topology read the same before and after.
 */
public class HardwareRefusalTest extends NicManagerTestSupport {

    /** What an operator sees of the world; a refused command must leave it as it was. */
    private String world() throws Exception {
        return shell("nic:list --json") + "\n" + shell("hw:topology --json");
    }

    private String refused(String command) throws Exception {
        return refused(command, this::world);
    }

    private static void assertNames(String message, String... values) {
        for (String value : values) {
            assertTrue("the message should name '" + value + "': " + message, message.contains(value));
        }
    }

    @Test
    public void anUnknownSwitchIsRefusedAndTheSwitchesThereAreNamed() throws Exception {
        shell("hw:switch add swKnown");
        assertNames(refused("hw:nic add nic9 --model e1000 --switch swNowhere"), "'swNowhere'", "swKnown");
    }

    @Test
    public void anUnknownModelIsRefusedAndTheModelsWithADriverAreNamed() throws Exception {
        shell("hw:switch add swModel");
        assertNames(refused("hw:nic add nic8 --model e999 --switch swModel"), "'e999'", "e100", "e1000");
    }

    @Test
    public void aFullSwitchIsRefused() throws Exception {
        shell("hw:switch add swTiny --ports 1");
        shell("hw:nic add only0 --model e1000 --switch swTiny");
        assertNames(refused("hw:nic add only1 --model e1000 --switch swTiny"), "'swTiny'", "full");
    }

    @Test
    public void aDuplicateNameIsRefused() throws Exception {
        shell("hw:switch add swDup");
        shell("hw:nic add twin0 --model e100 --switch swDup");
        assertNames(refused("hw:nic add twin0 --model e1000 --switch swDup"), "'twin0'");
        assertNames(refused("hw:switch add swDup"), "'swDup'", "already exists");
    }

    @Test
    public void unpluggingAnUnknownNicIsRefused() throws Exception {
        assertNames(refused("hw:unplug ghost0"), "'ghost0'");
    }

    @Test
    public void badValuesAndWordCountsAreRefusedWithoutAStackTrace() throws Exception {
        assertNames(refused("hw:switch add swBad --ports 0"), "'0'", "1 to 1024");
        assertNames(refused("hw:switch add swBad --ports many"), "'many'");
        assertNames(refused("hw:switch add swBad --lacp off --lacp-rate fast"), "LACP", "--lacp off");
        assertNames(refused("hw:switch add swBad --lacp sometimes"), "'sometimes'", "off, static, active, passive");
        assertNames(refused("hw:switch add 9lives"), "'9lives'");
        assertNames(refused("hw:switch add"), "hw:switch add SW");
        assertNames(refused("hw:switch remove swBad"), "add, ports", "'remove'");
        assertNames(refused("hw:nic add nic7 --switch swBad"), "--model");
        assertNames(refused("hw:host add h1 --switch swBad --mac 02:00:00:zz:00:01"), "'02:00:00:zz:00:01'");
        assertNames(refused("hw:fail ghost0 melted"), "'melted'", "hardware, ring");
        assertNames(refused("hw:flood h1 --rate fast --for 1s"), "'fast'");
        assertNames(refused("hw:traffic h1 --to h2 --pattern chaotic"), "'chaotic'", "cbr, burst, poisson");
        assertNames(refused("hw:traffic h1 --to h2 --count 0"), "--count", "'0'", "1 to 2147483647");
        assertNames(refused("hw:traffic h1 --to h2 --count some"), "--count", "'some'", "1 to 2147483647");
        assertNames(refused("hw:traffic h1 --to h2 --count 5 --for 1s"), "--count 5", "--for 1s", "one of them");
        assertFalse(shell("hw:topology").contains("swBad"));
    }
}
