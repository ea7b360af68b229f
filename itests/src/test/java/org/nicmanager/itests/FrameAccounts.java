package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one VM's frame account from {@code net:stats --json} and checks that it balances: every frame offered was
 * delivered, dropped with a reason, or is still queued.
 */
final class FrameAccounts {

    private FrameAccounts() {
    }

    /** The {@code net:stats} entry of one VM: from its name to the end of its object. */
    static String vmStats(String json, String vm) {
        Matcher entry = Pattern.compile("\\{\"name\":\"" + vm + "\".*?\"windowNs\":\\d+[^{}]*\\}").matcher(json);
        assertTrue(json, entry.find());
        return entry.group();
    }

    /** The counts by reason of the map named {@code key}: reason to count. */
    static Map<String, Long> reasons(String json, String key) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher map = Pattern.compile("\"" + key + "\":\\{([^}]*)\\}").matcher(json);
        assertTrue("no " + key + " in " + json, map.find());
        Matcher reason = Pattern.compile("\"([A-Z_]+)\":(\\d+)").matcher(map.group(1));
        while (reason.find()) {
            counts.put(reason.group(1), Long.parseLong(reason.group(2)));
        }
        return counts;
    }

    /** The count of {@code reason} in the map named {@code key} ("txDropped", "rxDropped"...), 0 when absent. */
    static long count(String json, String key, String reason) {
        return reasons(json, key).getOrDefault(reason, 0L);
    }

    /**
     * Asserts offered = delivered + dropped by reason + queued for the VM's entry, and that the reasons add up to the
     * dropped total; answers the drops by reason.
     */
    static Map<String, Long> assertBalanced(String vmStats) {
        Map<String, Long> dropped = reasons(vmStats, "dropped");
        long droppedByReason = dropped.values().stream().mapToLong(Long::longValue).sum();
        assertEquals("the reasons add up to the drops: " + vmStats, droppedByReason,
                NicManagerTestSupport.number(vmStats, "droppedFrames"));
        assertEquals("offered = delivered + dropped by reason + queued: " + vmStats,
                NicManagerTestSupport.number(vmStats, "offeredFrames"),
                NicManagerTestSupport.number(vmStats, "deliveredFrames") + droppedByReason
                        + NicManagerTestSupport.number(vmStats, "queuedFrames"));
        return dropped;
    }
}
