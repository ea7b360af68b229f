package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Issue 18's failover case, with the default settings: web (2,000 shares, priority 8) and app (1,000 shares,
 * priority 5) share a round-robin bond of two e1000s; a member is pulled and web alone wants the 1 Gb/s left.
 * Precedence serves web first ([0117]-[0118]), but app keeps the per-interval floor ([0097]), its starved time shows
 * in {@code net:stats}, the resource manager announces it, and the bottleneck alert names it. Driven from the shell in
 * virtual time.
 */
public class PrecedenceFloorTest extends NicManagerTestSupport {

    /** The default floor: 12,500 units (wire bytes) per 10 ms interval. */
    private static final long FLOOR_BPS = 12_500L * 8 * 100;

    @Test
    public void afterAFailoverTheLowerPriorityVmGetsItsFloorAndItsStarvedTimeIsShown() throws Exception {
        shell("hw:switch add sw61 --ports 8");
        shell("hw:nic add a61 --model e1000 --switch sw61");
        shell("hw:nic add b61 --model e1000 --switch sw61");
        shell("hw:host add webpeer61 --switch sw61 --mac 02:00:00:00:91:61");
        shell("hw:host add apppeer61 --switch sw61 --mac 02:00:00:00:92:61");
        shell("bond:create bond61 --policy round-robin --failback immediate");
        shell("bond:add bond61 a61 b61");
        shell("vm:create web61 --priority 8");
        shell("vm:create app61 --priority 5");
        shell("vm:start web61");
        shell("vm:start app61");
        shell("vnic:add web61 --uplink bond61");
        shell("vnic:add app61 --uplink bond61");
        shell("net:alloc web61 --shares 2000");
        shell("net:alloc app61 --shares 1000");
        // 1.8 Gb/s on two members; after the failover web alone wants more than the survivor's 1 Gb/s.
        shell("guest:traffic web61 --to 02:00:00:00:91:61 --rate 1200Mbps --frame 1500 --for 5s");
        shell("guest:traffic app61 --to 02:00:00:00:92:61 --rate 600Mbps --frame 1500 --for 5s");
        shell("kernel:advance 500ms");
        assertEquals("no precedence while both fit", 0, number(netStats("app61"), "starvedNanos"));

        shell("hw:unplug b61");
        shell("kernel:advance 500ms");
        long appBefore = number(shell("hw:host stats apppeer61 --json"), "rxBytes");
        shell("kernel:advance 2s");

        String app = netStats("app61");
        long throughput = number(app, "throughputBps");
        assertTrue("app got " + throughput + " bps over the last second; its floor is " + FLOOR_BPS,
                throughput >= FLOOR_BPS);
        assertTrue("the floor bounds precedence, no more: " + throughput, throughput < 2 * FLOOR_BPS);
        long received = (number(shell("hw:host stats apppeer61 --json"), "rxBytes") - appBefore) * 8 / 2;
        assertTrue("app's peer received " + received + " bps of frame bytes", received >= FLOOR_BPS * 1500 / 1524);
        assertTrue("web takes the rest: " + netStats("web61"),
                number(netStats("web61"), "throughputBps") >= 980_000_000L);
        assertTrue("app's excess is dropped for precedence: " + app,
                number(field(app, "\"dropped\":(\\{[^}]*\\})"), "YIELDING_TO_HIGHER_PRIORITY") > 0);
        long starved = number(app, "starvedNanos");
        assertTrue("app starved " + starved + " ns of the 2.5 s since the failover",
                starved >= 2_400_000_000L && starved <= 2_500_000_000L);
        assertEquals("nothing is above web", 0, number(netStats("web61"), "starvedNanos"));
        String table = shell("net:stats");
        assertTrue(table, table.contains("starved"));
        assertTrue("app's row ends with its starved time: " + table,
                Pattern.compile("(?m)^app61 .* 2\\.[45]\\d*s\\s*$").matcher(table).find());

        String events = shell("events --json");
        assertTrue(events, events.contains("\"topic\":\"nicmgr/resource/STARVED\",\"subject\":\"app61\""));
        assertTrue(events, events.matches("(?s).*\"topic\":\"nicmgr/vm/BOTTLENECK\",\"subject\":\"bond61\""
                + "[^}]*precedence is starving \\[app61\\].*"));
    }

    /** The VM's entry in {@code net:stats --json}. */
    private String netStats(String vm) throws Exception {
        return DosFloodTest.objectOf(shell("net:stats --json"), "name", vm);
    }
}
