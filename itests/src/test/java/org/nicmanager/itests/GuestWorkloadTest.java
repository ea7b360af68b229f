package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Guest workloads from one VM to another across bonds, as an operator drives them: the receiving guest reports, per
 * flow, the frames it got, lost and received out of order ({@code guest:stats --json}, in the shape of
 * {@code hw:host stats}). The sender's bond mixes an e1000 and an e100, so round-robin reorders a flow and the
 * per-flow policies do not (issue 4's "Reordering", seen by a guest instead of an external host).
 */
public class GuestWorkloadTest extends NicManagerTestSupport {

    /**
     * A switch; VM web{id} on bond s{id} (an e1000 and an e100, the given policy); VM db{id} on bond r{id} (two
     * e1000s). The receiving VM sends first, so that the switch knows where its MAC lives.
     */
    private void setUp(String id, String policy) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add fast" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add slow" + id + " --model e100 --switch sw" + id);
        shell("hw:nic add ra" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add rb" + id + " --model e1000 --switch sw" + id);
        shell("bond:create s" + id + " --policy " + policy);
        shell("bond:add s" + id + " fast" + id + " slow" + id);
        shell("bond:create r" + id + " --policy failover-order");
        shell("bond:add r" + id + " ra" + id + " rb" + id);
        for (String vm : new String[] {"web" + id, "db" + id}) {
            shell("vm:create " + vm);
            shell("vm:start " + vm);
        }
        shell("vnic:add web" + id + " --uplink s" + id);
        shell("vnic:add db" + id + " --uplink r" + id);
        shell("guest:traffic db" + id + " --to web" + id + " --rate 1Mbps --frame 100 --count 3");
        shell("kernel:advance 10ms");
    }

    @Test
    public void roundRobinOverUnequalMembersReordersAFlowAndTheReceivingGuestCountsIt() throws Exception {
        setUp("40", "round-robin");
        // At 120 Mb/s a 1000-byte frame leaves every 67 us but takes 80 us to cross the e100: a frame sent on the slow
        // member arrives after the next one, sent on the fast one. The e100 and the bond's backlog carry them all.
        shell("guest:traffic web40 --to db40 --rate 120Mbps --frame 1000 --flows 1 --count 4000");
        shell("kernel:advance 2s");
        String stats = shell("guest:stats db40 --json");
        assertTrue(stats, stats.startsWith("{\"name\":\"db40\",\"rxFrames\":4000,\"rxBytes\":4000000,"));
        String flow = flow(stats, 0);
        assertEquals(stats, 4000, jsonNumber(flow, "rxFrames"));
        assertEquals(stats, 0, jsonNumber(flow, "lostFrames"));
        long reordered = jsonNumber(flow, "reorderedFrames");
        assertTrue("round-robin over an e1000 and an e100 reorders: " + stats, reordered > 0);
        assertEquals(reordered, jsonNumber(stats, "reorderedFrames"));
    }

    @Test
    public void tcpSessionsKeptOnOneMemberEachArriveWholeAndInOrder() throws Exception {
        setUp("41", "tcp-session");
        shell("guest:traffic web41 --to db41 --rate 120Mbps --frame 1000 --flows 8 --pattern tcp --count 4000");
        shell("kernel:advance 2s");
        String stats = shell("guest:stats db41 --json");
        // Every data segment is stamped; each session's bare SYN and FIN are counted in the totals only.
        assertEquals(stats, 4000 + 8 * 2, jsonNumber(stats, "rxFrames"));
        assertEquals(stats, 0, jsonNumber(stats, "lostFrames"));
        assertEquals(stats, 0, jsonNumber(stats, "reorderedFrames"));
        for (int id = 0; id < 8; id++) {
            String flow = flow(stats, id);
            assertEquals(flow, 500, jsonNumber(flow, "rxFrames"));
            assertEquals(flow, 0, jsonNumber(flow, "lostFrames"));
            assertEquals(flow, 0, jsonNumber(flow, "reorderedFrames"));
        }
        String vnics = shell("vnic:list --json");
        assertTrue(vnics, vnics.contains("\"name\":\"web41-0\",\"vm\":\"web41\",\"mac\":"));
        assertTrue(vnics, Pattern.compile("\"name\":\"web41-0\"[^}]*\"attached\":true,\"txFrames\":4016,")
                .matcher(vnics).find());
    }

    @Test
    public void poissonTrafficOverAFlowHashArrivesWholeAndInOrder() throws Exception {
        setUp("42", "hash-l34");
        shell("guest:traffic web42 --to db42 --rate 50Mbps --frame 500 --flows 4 --pattern poisson --seed 9"
                + " --count 5000");
        shell("kernel:advance 2s");
        assertWholeAndInOrder(shell("guest:stats db42 --json"), 5000, 4);
    }

    @Test
    public void burstsOverAFlowHashArriveWholeAndInOrder() throws Exception {
        setUp("43", "hash-l34");
        shell("guest:traffic web43 --to db43 --rate 50Mbps --frame 500 --flows 4 --pattern burst --burst-frames 16"
                + " --count 4000");
        shell("kernel:advance 2s");
        assertWholeAndInOrder(shell("guest:stats db43 --json"), 4000, 4);
    }

    private static void assertWholeAndInOrder(String stats, long frames, int flows) {
        assertEquals(stats, frames, jsonNumber(stats, "rxFrames"));
        assertEquals(stats, 0, jsonNumber(stats, "lostFrames"));
        assertEquals(stats, 0, jsonNumber(stats, "reorderedFrames"));
        for (int id = 0; id < flows; id++) {
            assertEquals(stats, frames / flows, jsonNumber(flow(stats, id), "rxFrames"));
        }
    }

    /** The object of flow {@code id} (of the one sender) in a stats document. */
    private static String flow(String stats, int id) {
        Matcher matcher = Pattern.compile("\\{\"sender\":\"[^\"]+\",\"id\":" + id + ",[^}]*\\}").matcher(stats);
        assertTrue("no flow " + id + " in " + stats, matcher.find());
        return matcher.group();
    }

    private static long jsonNumber(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertTrue("no " + key + " in " + json, matcher.find());
        return Long.parseLong(matcher.group(1));
    }
}
