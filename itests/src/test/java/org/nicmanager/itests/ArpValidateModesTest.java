package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/**
 * Issue 18 point 5 on the simulated hardware: each {@code --arp-validate} mode, and {@code --arp-all-targets}, as
 * Linux bonding documents them (Documentation/networking/bonding.rst) and the README's table restates them.
 *
 * <p>Each mode is judged in four worlds at once. In each, a {@code failover-order} bond of two e1000s asks a target
 * host; one member (the active one, or the backup) sits on a second switch behind a trunk, and the trunk is cut, so that
 * this member's target stops answering while its carrier stays up. Something else keeps arriving on that member:
 * <ul>
 * <li><b>frames</b>: unknown-unicast traffic from a host on its switch, flooded to it (no ARP at all);</li>
 * <li><b>ARP</b>: the probes of another bond on its switch, asking the same target: ARP, but not this bond's (Linux's
 * own example of what validation is for: "multiple bonding hosts concurrently issuing ARPs").</li>
 * </ul>
 * A member that lives by any frame survives both; one that lives by any ARP frame (a {@code filter} mode) survives only
 * the other bond's probes; a validated member survives neither and goes {@code ARP_UNANSWERED}. The other member keeps
 * its target and stays in service throughout, so each verdict is the cut member's alone.
 *
 * <p>Then {@code --arp-all-targets}, with two targets of which each member loses one, and the bond's own probes, which
 * keep only a backup alive (as the active member's probes do in Linux).
 */
public class ArpValidateModesTest extends NicManagerTestSupport {

    /** What keeps a member alive, as the README's table says per role. */
    private enum Lives {
        ANY_FRAME, ANY_ARP, VALIDATED_ARP;

        boolean by(Feed feed) {
            return this == ANY_FRAME || this == ANY_ARP && feed == Feed.ARP;
        }
    }

    /** What keeps arriving on the cut member. */
    private enum Feed {
        FRAMES, ARP
    }

    /** Which member's path is cut: the active one (first in the failover order) or the backup. */
    private enum Cut {
        ACTIVE, BACKUP
    }

    @Test
    public void noneLetsAnyFrameKeepEitherMemberAlive() throws Exception {
        assertMode("none", "no", 81, Lives.ANY_FRAME, Lives.ANY_FRAME);
    }

    @Test
    public void activeValidatesTheActiveMemberOnly() throws Exception {
        assertMode("active", "ac", 82, Lives.VALIDATED_ARP, Lives.ANY_FRAME);
    }

    @Test
    public void backupValidatesTheBackupOnly() throws Exception {
        assertMode("backup", "ba", 83, Lives.ANY_FRAME, Lives.VALIDATED_ARP);
    }

    @Test
    public void allValidatesBothMembers() throws Exception {
        assertMode("all", "al", 84, Lives.VALIDATED_ARP, Lives.VALIDATED_ARP);
    }

    @Test
    public void filterLetsOnlyArpKeepEitherMemberAlive() throws Exception {
        assertMode("filter", "fi", 85, Lives.ANY_ARP, Lives.ANY_ARP);
    }

    @Test
    public void filterActiveValidatesTheActiveMemberAndFiltersTheBackup() throws Exception {
        assertMode("filter_active", "fa", 86, Lives.VALIDATED_ARP, Lives.ANY_ARP);
    }

    @Test
    public void filterBackupValidatesTheBackupAndFiltersTheActiveMember() throws Exception {
        assertMode("filter_backup", "fb", 87, Lives.ANY_ARP, Lives.VALIDATED_ARP);
    }

    /**
     * Both members on one switch, the target behind a trunk that is cut, and nothing else on the wire but the bond's
     * own probes, flooded by the switch to the other member. In Linux's active-backup only the active slave probes, so
     * a backup hears the active member's probes (life, under {@code none}) and the active member hears nothing: it
     * fails over. Here backups probe too, and their probes are no life for anyone; before this was so, the two members
     * kept each other in service on their own probes and the dead path went unnoticed.
     */
    @Test
    public void theBondsOwnProbesKeepOnlyABackupAliveAsInLinux() throws Exception {
        shell("hw:switch add owS --ports 4");
        shell("hw:switch add owG --ports 4");
        shell("hw:switch link owS owG");
        shell("hw:host add owgw --switch owG --ip 10.95.0.1");
        shell("hw:nic add ow0 --model e1000 --switch owS");
        shell("hw:nic add ow1 --model e1000 --switch owS");
        shell("bond:create ow --policy failover-order --failback manual --arp-target 10.95.0.1 --arp-interval 100ms"
                + " --arp-missed 2 --arp-validate none");
        shell("bond:add ow ow0 ow1");
        shell("kernel:advance 500ms");
        assertEquals("[]", history(shell("bond:show ow --json")));
        shell("hw:unplug owS:owG");
        shell("kernel:advance 350ms"); // the active member is judged after 2 intervals; its backup after 3

        String shown = shell("bond:show ow --json");
        assertTrue("the active member heard only the backup's probes: no life: " + shown, history(shown)
                .matches("\\[\\{\"time\":\\d+,\"nic\":\"ow0\",\"reason\":\"ARP_UNANSWERED\"\\}]"));
        assertTrue(shown, shown.contains("\"carryingNow\":[\"ow1\"]"));
        assertTrue("ow0, a backup now, lives by the probes of ow1, the active member: " + shown,
                member(shown, "ow0").contains("\"state\":\"UP\",\"active\":false"));
        assertTrue(shown, member(shown, "ow0").contains("\"roleReason\":\"recovered;"));
        assertTrue("the probes came back into the bond: " + shown, number(shown, "probesReturned") > 0);
    }

    /**
     * {@code --arp-all-targets any} (the default): a validated member lives while any one target answers it. Each
     * member keeps one of its two targets after the cut, so with {@code active} and with {@code backup} validation
     * both stay in service.
     */
    @Test
    public void anyTargetAnsweringKeepsAValidatedMemberAlive() throws Exception {
        for (String mode : new String[] {"active", "backup"}) {
            String bond = twoTargetWorld("ay" + mode.charAt(0), mode.equals("active") ? 91 : 92, mode, "any");
            shell("kernel:advance 500ms");
            shell("hw:unplug " + bond + "A:" + bond + "B");
            shell("kernel:advance 1s");
            String shown = shell("bond:show " + bond + " --json");
            assertEquals(mode + ": one target of two answers, enough under any: " + shown, "[]", history(shown));
            assertTrue(shown, member(shown, bond + "0").contains("\"state\":\"UP\",\"active\":true"));
            assertTrue(shown, member(shown, bond + "1").contains("\"state\":\"UP\",\"active\":false"));
            assertTrue(shown, member(shown, bond + "1").contains("\"role\":\"STANDBY\""));
            assertTrue(shown, shown.contains("\"validate\":\"" + mode + "\",\"allTargets\":\"any\""));
        }
    }

    /**
     * {@code --arp-all-targets all}: a validated member lives only while every target answers it, so the same cut
     * takes it out of service; a member that is not validated lives by what it receives, whatever this says. With
     * {@code backup} validation the backup goes UNREACHABLE and the active member (not validated, still receiving)
     * carries on; with {@code active} validation the active member fails over to the backup (which, now active and
     * validated, would be judged the same way in its turn).
     */
    @Test
    public void allTargetsTakesAValidatedMemberOutWhenOneTargetFallsSilent() throws Exception {
        String backup = twoTargetWorld("alb", 93, "backup", "all");
        String active = twoTargetWorld("ala", 94, "active", "all");
        shell("kernel:advance 500ms");
        for (String bond : new String[] {backup, active}) {
            String healthy = shell("bond:show " + bond + " --json");
            assertEquals("every target answers every member before the cut: " + healthy, "[]", history(healthy));
        }
        shell("hw:unplug " + backup + "A:" + backup + "B");
        shell("hw:unplug " + active + "A:" + active + "B");
        shell("kernel:advance 400ms"); // active member judged after 2 intervals, a backup after 3

        String shownActive = shell("bond:show " + active + " --json");
        assertTrue("the validated active member lost one target of two: " + shownActive, history(shownActive)
                .matches("\\[\\{\"time\":\\d+,\"nic\":\"" + active + "0\",\"reason\":\"ARP_UNANSWERED\"\\}]"));
        assertTrue(shownActive, shownActive.contains("\"carryingNow\":[\"" + active + "1\"]"));
        assertTrue(shownActive, shownActive.contains("\"validate\":\"active\",\"allTargets\":\"all\""));
        assertValidated(shownActive, active + "1", Lives.VALIDATED_ARP);
        assertValidated(shownActive, active + "0", Lives.ANY_FRAME);

        shell("kernel:advance 600ms");
        String shownBackup = shell("bond:show " + backup + " --json");
        assertTrue("the validated backup lost one target of two: " + shownBackup, history(shownBackup)
                .matches("\\[\\{\"time\":\\d+,\"nic\":\"" + backup + "1\",\"reason\":\"ARP_UNANSWERED\"\\}]"));
        assertUnreachable(shownBackup, shownBackup, backup + "1");
        assertTrue("the active member is not validated: its answers from one target are life enough: "
                + shownBackup, shownBackup.contains("\"carryingNow\":[\"" + backup + "0\"]"));
        assertTrue(shownBackup, member(shownBackup, backup + "0").contains("\"state\":\"UP\",\"active\":true"));
    }

    /**
     * Switches {bond}A and {bond}B joined by a trunk, each with one target host and one member: {bond}0 (first, the
     * active member) and target .1 on A, {bond}1 and target .2 on B. Cutting the trunk leaves each member one target.
     */
    private String twoTargetWorld(String bond, int octet, String mode, String allTargets) throws Exception {
        shell("hw:switch add " + bond + "A --ports 4");
        shell("hw:switch add " + bond + "B --ports 4");
        shell("hw:switch link " + bond + "A " + bond + "B");
        shell("hw:host add " + bond + "g1 --switch " + bond + "A --ip 10." + octet + ".0.1");
        shell("hw:host add " + bond + "g2 --switch " + bond + "B --ip 10." + octet + ".0.2");
        shell("hw:nic add " + bond + "0 --model e1000 --switch " + bond + "A");
        shell("hw:nic add " + bond + "1 --model e1000 --switch " + bond + "B");
        shell("bond:create " + bond + " --policy failover-order --failback manual --arp-target 10." + octet
                + ".0.1,10." + octet + ".0.2 --arp-interval 100ms --arp-missed 2 --arp-validate " + mode
                + " --arp-all-targets " + allTargets);
        shell("bond:add " + bond + " " + bond + "0 " + bond + "1");
        return bond;
    }

    /**
     * One of a mode's four worlds: the bond {@code name}, its members {@code name}near and {@code name}far, the cut
     * trunk {@code name}N:{@code name}F.
     */
    private record World(String name, Cut cut, Feed feed) {

        String far() {
            return name + "far";
        }

        String near() {
            return name + "near";
        }

        /** The active member before the cut: first in the failover order. */
        String first() {
            return cut == Cut.ACTIVE ? far() : near();
        }

        String second() {
            return cut == Cut.ACTIVE ? near() : far();
        }
    }

    /**
     * Builds the four worlds of one mode, lets them settle, cuts the four trunks at once and checks, a second later,
     * which cut member stayed in service.
     */
    private void assertMode(String mode, String tag, int octet, Lives active, Lives backup) throws Exception {
        List<World> worlds = new ArrayList<>();
        int subnet = 0;
        for (Cut cut : Cut.values()) {
            for (Feed feed : Feed.values()) {
                World world = new World(tag + cut.name().charAt(0) + feed.name().charAt(0), cut, feed);
                buildWorld(world, "10." + octet + "." + ++subnet, mode);
                worlds.add(world);
            }
        }
        shell("kernel:advance 500ms");
        for (World world : worlds) {
            String healthy = shell("bond:show " + world.name() + " --json");
            assertEquals("nothing happened yet in " + world + ": " + healthy, "[]", history(healthy));
            assertTrue(healthy, member(healthy, world.first()).contains("\"state\":\"UP\",\"active\":true"));
            assertTrue(healthy, member(healthy, world.second()).contains("\"state\":\"UP\",\"active\":false"));
            assertValidated(healthy, world.first(), active);
            assertValidated(healthy, world.second(), backup);
            assertTrue(healthy, healthy.contains("\"validate\":\"" + mode + "\",\"allTargets\":\"any\""));
        }

        for (World world : worlds) {
            shell("hw:unplug " + world.name() + "N:" + world.name() + "F");
        }
        shell("kernel:advance 1s");

        for (World world : worlds) {
            String shown = shell("bond:show " + world.name() + " --json");
            String context = mode + ", " + world.cut() + " member cut off, " + world.feed() + " arriving: " + shown;
            if (world.cut() == Cut.ACTIVE) {
                assertActiveCut(context, shown, world.far(), world.near(), active.by(world.feed()),
                        backup.by(world.feed()), active, backup);
            } else {
                assertBackupCut(context, shown, world.far(), world.near(), backup.by(world.feed()), active, backup);
            }
        }
        for (World world : worlds) {
            if (world.feed() == Feed.FRAMES) {
                shell("hw:traffic stop " + world.name() + "h");
            }
        }
    }

    /**
     * Two switches {world}N and {world}F joined by a trunk; the target host on N; the member "near" on N, "far" on F;
     * on F the feed: a host flooding unknown unicast, or another ARP-monitored bond. The bond puts "far" first (the
     * active member) when the active member's path is the one to cut.
     */
    private void buildWorld(World world, String net, String mode) throws Exception {
        String name = world.name();
        shell("hw:switch add " + name + "N --ports 4");
        shell("hw:switch add " + name + "F --ports 4");
        shell("hw:switch link " + name + "N " + name + "F");
        shell("hw:host add " + name + "gw --switch " + name + "N --ip " + net + ".1");
        shell("hw:nic add " + world.near() + " --model e1000 --switch " + name + "N");
        shell("hw:nic add " + world.far() + " --model e1000 --switch " + name + "F");
        if (world.feed() == Feed.FRAMES) {
            shell("hw:host add " + name + "h --switch " + name + "F --ip " + net + ".2");
            // 250 frames/s to a MAC nobody has: every switch floods them, to "far" among others. Not ARP.
            shell("hw:traffic " + name + "h --to 02:00:00:00:77:77 --rate 1Mbps --frame 500");
        } else {
            shell("hw:nic add " + name + "x --model e1000 --switch " + name + "F");
            shell("bond:create " + name + "o --policy failover-order --arp-target " + net + ".1"
                    + " --arp-interval 100ms");
            shell("bond:add " + name + "o " + name + "x");
        }
        shell("bond:create " + name + " --policy failover-order --failback manual --arp-target " + net + ".1"
                + " --arp-interval 100ms --arp-missed 2 --arp-validate " + mode);
        shell("bond:add " + name + " " + world.first() + " " + world.second());
    }

    /**
     * The active member's target went silent. If its rule lets the feed keep it alive, nothing happens. Otherwise it
     * fails over with ARP_UNANSWERED, "near" carries; "far", now a backup, is judged by the backup's rule: revived by
     * the feed (recovered, held out by the manual failback) or still UNREACHABLE.
     */
    private void assertActiveCut(String context, String shown, String far, String near, boolean survives,
            boolean survivesAsBackup, Lives active, Lives backup) {
        if (survives) {
            assertEquals(context, "[]", history(shown));
            assertTrue(context, member(shown, far).contains("\"state\":\"UP\",\"active\":true"));
            assertTrue(context, member(shown, far).contains("\"role\":\"ACTIVE\""));
            assertValidated(shown, far, active);
            return;
        }
        assertTrue(context, history(shown).matches("\\[\\{\"time\":\\d+,\"nic\":\"" + far
                + "\",\"reason\":\"ARP_UNANSWERED\"\\}]"));
        assertTrue(context, shown.contains("\"carryingNow\":[\"" + near + "\"]"));
        assertTrue(context, member(shown, near).contains("\"state\":\"UP\",\"active\":true"));
        assertValidated(shown, near, active);
        assertValidated(shown, far, backup);
        if (survivesAsBackup) {
            assertTrue(context, member(shown, far).contains("\"state\":\"UP\",\"active\":false"));
            assertTrue(context, member(shown, far).contains("\"roleReason\":\"recovered;"));
        } else {
            assertUnreachable(context, shown, far);
        }
    }

    /** The backup's target went silent: it stays STANDBY if its rule lets the feed keep it alive, else UNREACHABLE. */
    private void assertBackupCut(String context, String shown, String far, String near, boolean survives,
            Lives active, Lives backup) {
        assertTrue(context, shown.contains("\"carryingNow\":[\"" + near + "\"]"));
        assertValidated(shown, near, active);
        assertValidated(shown, far, backup);
        if (survives) {
            assertEquals(context, "[]", history(shown));
            assertTrue(context, member(shown, far).contains("\"state\":\"UP\",\"active\":false"));
            assertTrue(context, member(shown, far).contains("\"role\":\"STANDBY\""));
        } else {
            assertTrue(context, history(shown).matches("\\[\\{\"time\":\\d+,\"nic\":\"" + far
                    + "\",\"reason\":\"ARP_UNANSWERED\"\\}]"));
            assertUnreachable(context, shown, far);
        }
    }

    /** Carrier up, out of service: UNREACHABLE for the ARP monitor, UNUSED for the bond, and not carrying. */
    private static void assertUnreachable(String context, String shown, String nic) {
        assertTrue(context, arpMember(shown, nic).contains("\"state\":\"UNREACHABLE\""));
        assertTrue(context, member(shown, nic).contains("\"state\":\"UP\",\"active\":false"));
        assertTrue(context, member(shown, nic).contains("\"role\":\"UNUSED\",\"roleReason\":\"the ARP monitor hears"
                + " no answer through it (UNREACHABLE)\""));
    }

    /** {@code arpMonitor.members[].validated}: true exactly where the table says "validated ARP" for its role now. */
    private static void assertValidated(String shown, String nic, Lives rule) {
        assertTrue(nic + " validated only where its role's rule is validated ARP: " + shown,
                arpMember(shown, nic).endsWith("\"validated\":" + (rule == Lives.VALIDATED_ARP) + "}"));
    }

    private static String history(String shown) {
        return field(shown, "\"history\":(\\[[^\\]]*\\])");
    }

    private static String member(String shown, String nic) {
        return field(shown, "\"members\":\\[[^\\]]*?(\\{\"name\":\"" + nic + "\",[^}]*\\})");
    }

    private static String arpMember(String shown, String nic) {
        return field(shown, "(\\{\"nic\":\"" + nic + "\",\"state\":\"[A-Z]+\",\"probes\"[^}]*\\})");
    }
}
