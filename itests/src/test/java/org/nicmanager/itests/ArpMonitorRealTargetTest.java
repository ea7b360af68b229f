package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The ARP monitor against a real target (issue 15 point 4): a host on the real clock bonds two drivers.linux NICs on
 * veth pairs into a Linux bridge in the test's namespace, behind which a second namespace holds the target's address
 * on a veth into the bridge, answered by Linux's own ARP. While it answers, both members are reachable and hear
 * answers; when the target goes down (its link, so the members keep their carrier), both members are taken out as
 * ARP_UNANSWERED within the monitor's patience; when it comes back, they return. The figures are taken from the host's
 * failover history (kernel time) against the moment the test took the target down, on one clock
 * ({@link HostClockOffset}). Needs root, as CI has.
 */
class ArpMonitorRealTargetTest {

    private static final String TARGET = "10.97.0.1";
    private static final long INTERVAL_MILLIS = 200;
    private static final int MISSED = 2;
    /**
     * The latest a member may go: the active one goes missed_max rounds after its last answer, which came up to a round
     * before the target went down; the backup lives on the active one's probes (validated) until that goes, then on
     * its own patience, missed_max rounds and one more for a backup, as Linux's bond_ab_arp_inspect waits.
     */
    private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos((2 * MISSED + 3) * INTERVAL_MILLIS);
    /** What the machine's load may add to the host's timers (2 shared cores): a bound, the figure is printed. */
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final List<String> OURS = List.of("u0", "u1");

    @Test
    void membersAnsweredByARealTargetStayInAndGoOutWhenItGoesDownAndReturnWithIt() throws Exception {
        assumeTrue(TestNamespace.possible(), "needs root to make network namespaces, as CI has");
        try (TestNamespace bridge = new TestNamespace(); TestNamespace server = new TestNamespace()) {
            List<String> hostEnds = List.of(bridge.addPair(0), bridge.addPair(1));
            // The target is a namespace of its own: the bridge's holds no address, so only the target answers.
            String target = "nmt" + server.tag();
            bridge.exec("ip", "link", "add", "br0", "type", "bridge");
            bridge.exec("ip", "link", "add", "tp", "type", "veth", "peer", "name", target, "netns", server.name());
            for (String port : List.of(bridge.peerEnd(0), bridge.peerEnd(1), "tp")) {
                bridge.exec("ip", "link", "set", port, "master", "br0", "up");
            }
            server.exec("ip", "address", "add", TARGET + "/24", "dev", target);
            server.exec("ip", "link", "set", target, "up");
            bridge.exec("ip", "link", "set", "br0", "up");
            try (DemoHostProcess host = new DemoHostProcess(List.of(), List.of("--bare", "--clock", "real",
                    "--http-port", "0"))) {
                for (int i = 0; i < OURS.size(); i++) {
                    host.type("linux:add " + OURS.get(i) + " --interface " + hostEnds.get(i));
                }
                // arp-validate all: only the target's answers (and the active member's probes a backup hears) are
                // life, so the bridge's other traffic cannot keep a member in.
                host.type("bond:create bond0 --policy failover-order --arp-target " + TARGET + " --arp-interval "
                        + INTERVAL_MILLIS + "ms --arp-missed " + MISSED + " --arp-validate all");
                host.type("bond:add bond0 u0 u1");
                JsonObject answered = await(host, bond -> members(bond, "UP") && answersHeard(bond),
                        "both members UP and answered by " + TARGET);

                HostClockOffset clocks = HostClockOffset.measure(host);
                long down = System.nanoTime();
                server.exec("ip", "link", "set", target, "down");
                JsonObject out = await(host, bond -> members(bond, "UNREACHABLE"), "both members UNREACHABLE");
                StringBuilder times = new StringBuilder();
                for (String member : OURS) {
                    long gone = clocks.onTestClock(firstEntry(out, clocks.kernelSeen(), member, "ARP_UNANSWERED"))
                            - down;
                    times.append(' ').append(member).append(' ').append(TimeUnit.NANOSECONDS.toMillis(gone))
                            .append(" ms");
                    assertTrue(gone > 0 && gone <= PATIENCE_NANOS + SLACK_NANOS, member + " out "
                            + TimeUnit.NANOSECONDS.toMillis(gone) + " ms after the target went down: " + out);
                }

                server.exec("ip", "link", "set", target, "up");
                JsonObject back = await(host, bond -> members(bond, "UP"), "both members UP again");
                System.out.printf("ARP monitor against a real target (%d ms interval, missed %d): out after the"
                        + " target went down:%s (clocks related to ± %.1f ms); before: %s; after its return: %s%n",
                        INTERVAL_MILLIS, MISSED, times, clocks.errorNanos() / 1e6, answered.get("arpMonitor"),
                        back.get("arpMonitor"));
                assertEquals(0, host.exit(), host.errors());
            }
        }
    }

    /** Polls {@code bond:show} until it satisfies {@code wanted}; a generous bound, never a budget. */
    private static JsonObject await(DemoHostProcess host, Predicate<JsonObject> wanted, String what)
            throws Exception {
        long deadline = System.nanoTime() + BOUND_NANOS;
        JsonObject bond = host.json("bond:show bond0 --json", "name");
        while (!wanted.test(bond)) {
            if (System.nanoTime() - deadline > 0) {
                fail("not " + what + " within " + TimeUnit.NANOSECONDS.toSeconds(BOUND_NANOS) + " s: " + bond
                        + "\nhost:\n" + host.errors());
            }
            LockSupport.parkNanos(POLL_NANOS); // the interval between polls; the figures come from timestamps
            bond = host.json("bond:show bond0 --json", "name");
        }
        return bond;
    }

    private static boolean members(JsonObject bond, String state) {
        int matching = 0;
        for (JsonElement member : bond.getAsJsonObject("arpMonitor").getAsJsonArray("members")) {
            matching += state.equals(member.getAsJsonObject().get("state").getAsString()) ? 1 : 0;
        }
        return matching == OURS.size();
    }

    private static boolean answersHeard(JsonObject bond) {
        for (JsonElement member : bond.getAsJsonObject("arpMonitor").getAsJsonArray("members")) {
            if (member.getAsJsonObject().get("answers").getAsLong() == 0) {
                return false;
            }
        }
        return true;
    }

    /** Kernel time of the member's first history entry for {@code reason} at or after kernel time {@code from}. */
    private static long firstEntry(JsonObject bond, long from, String member, String reason) {
        for (JsonElement element : bond.getAsJsonArray("history")) {
            JsonObject entry = element.getAsJsonObject();
            if (entry.get("time").getAsLong() >= from && member.equals(entry.get("nic").getAsString())
                    && reason.equals(entry.get("reason").getAsString())) {
                return entry.get("time").getAsLong();
            }
        }
        throw new AssertionError("no " + reason + " of " + member + " in the history: " + bond);
    }
}
