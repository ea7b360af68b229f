package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Open vSwitch as a real LACP partner (issue 15 point 4, "LACP with Open vSwitch"): a host on the real clock, started
 * from the exported jar, bonds two drivers.linux NICs on veth pairs whose other ends a private Open vSwitch in the
 * test's namespace bonds with {@code lacp=active}, fast timing. Both members become DISTRIBUTING on both sides, as
 * our {@code lacp:show} and Open vSwitch's {@code lacp/show} say. Then the partner stops ({@code ovs-appctl exit}, or
 * SIGKILL as a crash), its links keep their carrier, and the bond takes both members out 3 s ± 1 s later.
 *
 * <p>The partner-loss figure is taken from the host's own failover history (kernel time, on the host's monotonic
 * clock), set against the moment the test began stopping the partner on its own monotonic clock; the offset between
 * the two is measured with {@code kernel:info} (the best of a few round trips, whose half-width is its error). The
 * negotiation figure is the test's, from {@code bond:add} to the first poll that saw both members distributing: polls
 * are 100 ms apart, so it is late by at most that and one round trip. Needs root and Open vSwitch, as CI has.
 */
class LacpWithOpenVswitchTest {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long FAST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final List<String> OURS = List.of("u0", "u1");

    /** How the test stops the partner. */
    private interface Stop {
        void stop(OpenVswitchPartner partner) throws Exception;
    }

    @Test
    void bothMembersDistributeOnBothSidesAndAPartnerStoppedByAppctlTakesThemOutInThreeSeconds() throws Exception {
        negotiateThenLosePartner("ovs-appctl exit", OpenVswitchPartner::exitByAppctl);
    }

    @Test
    void aKilledPartnerTakesTheMembersOutInThreeSeconds() throws Exception {
        negotiateThenLosePartner("kill -9 ovs-vswitchd", OpenVswitchPartner::kill);
    }

    private void negotiateThenLosePartner(String how, Stop stop) throws Exception {
        assumeTrue(TestNamespace.possible(), "needs root to make network namespaces, as CI has");
        assumeTrue(OpenVswitchPartner.installed(), "Open vSwitch is not installed (scripts/install-test-tools.sh)");
        try (TestNamespace namespace = new TestNamespace()) {
            List<String> hostEnds = List.of(namespace.addPair(0), namespace.addPair(1));
            List<String> theirs = List.of(namespace.peerEnd(0), namespace.peerEnd(1));
            try (OpenVswitchPartner partner = new OpenVswitchPartner(namespace, theirs);
                    DemoHostProcess host = new DemoHostProcess(List.of(), List.of("--bare", "--clock", "real",
                            "--http-port", "0"))) {
                for (int i = 0; i < OURS.size(); i++) {
                    host.type("linux:add " + OURS.get(i) + " --interface " + hostEnds.get(i));
                }
                JsonObject nics = host.json("linux:list --json", "nics");
                assertEquals(2, nics.getAsJsonArray("nics").size(), nics + "\n" + host.errors());
                host.type("bond:create bond0 --policy hash-l34 --lacp active --lacp-rate fast");
                long added = System.nanoTime();
                host.type("bond:add bond0 u0 u1");
                long[] negotiated = awaitDistributingOnBothSides(host, partner, theirs);
                JsonObject here = lacpShow(host);
                OvsLacpShow there = OvsLacpShow.parse(partner.lacpShow());
                assertTrue(oursDistributing(here), "still distributing here: " + here);
                assertTrue(there.allDistributing(theirs), "still distributing there: " + partner.lacpShow());
                for (int i = 0; i < OURS.size(); i++) {
                    assertEachSeesTheOther(member(here, OURS.get(i)), there.members().get(theirs.get(i)));
                }

                HostClockOffset clocks = HostClockOffset.measure(host);
                long stopping = System.nanoTime();
                stop.stop(partner);
                long stopped = System.nanoTime();
                awaitNoneDistributing(host);

                JsonObject bond = host.json("bond:show bond0 --json", "name");
                JsonArray history = bond.getAsJsonArray("history");
                long slowest = 0;
                for (String member : OURS) {
                    JsonObject out = firstLacpEntry(history, clocks.kernelSeen(), member, bond);
                    long lossNanos = clocks.onTestClock(out.get("time").getAsLong()) - stopping;
                    slowest = Math.max(slowest, lossNanos);
                    assertEquals(FAST_TIMEOUT_NANOS, lossNanos, TOLERANCE_NANOS, member + " out " + millis(lossNanos)
                            + " ms after " + how + " (3 s ± 1 s on fast timing): " + bond);
                }
                for (JsonElement member : bond.getAsJsonArray("members")) {
                    assertEquals("UP", member.getAsJsonObject().get("state").getAsString(),
                            "the carrier stayed up: LACP took the member out, not the link: " + bond);
                }
                System.out.printf("LACP with Open vSwitch: distributing here %d ms, there %d ms after bond:add (polls"
                        + " 100 ms apart); after %s (%d ms to run), both members out within %d ms (clocks related"
                        + " to ± %.1f ms)%n", millis(negotiated[0] - added), millis(negotiated[1] - added), how,
                        millis(stopped - stopping), millis(slowest), clocks.errorNanos() / 1e6);
                assertEquals(0, host.exit(), host.errors());
            }
        }
    }

    /** Polls both sides until each shows both members distributing; answers when each was first seen so. */
    private static long[] awaitDistributingOnBothSides(DemoHostProcess host, OpenVswitchPartner partner,
            List<String> theirs) throws Exception {
        long deadline = System.nanoTime() + BOUND_NANOS;
        long ours = -1;
        long their = -1;
        String here = "";
        String there = "";
        while (ours < 0 || their < 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("not distributing on both sides within " + millis(BOUND_NANOS) + " ms; here: " + here
                        + "\nthere: " + there + "\nOpen vSwitch log:\n" + partner.log() + "\nhost:\n"
                        + host.errors());
            }
            if (ours < 0) {
                JsonObject shown = lacpShow(host);
                here = shown.toString();
                ours = oursDistributing(shown) ? System.nanoTime() : -1;
            }
            if (their < 0) {
                there = partner.lacpShow();
                their = OvsLacpShow.parse(there).allDistributing(theirs) ? System.nanoTime() : -1;
            }
            pause();
        }
        return new long[] {ours, their};
    }

    private static void awaitNoneDistributing(DemoHostProcess host) throws Exception {
        long deadline = System.nanoTime() + BOUND_NANOS;
        JsonObject shown = lacpShow(host);
        while (anyDistributing(shown)) {
            if (System.nanoTime() - deadline > 0) {
                fail("members still distributing " + millis(BOUND_NANOS) + " ms after the partner stopped: " + shown);
            }
            pause();
            shown = lacpShow(host);
        }
    }

    /** The interval between polls: what is measured comes from timestamps, never from this. */
    private static void pause() {
        LockSupport.parkNanos(POLL_NANOS);
    }

    private static JsonObject lacpShow(DemoHostProcess host) throws Exception {
        return host.json("lacp:show bond0 --json", "bond");
    }

    private static boolean oursDistributing(JsonObject lacp) {
        int distributing = 0;
        for (JsonElement member : lacp.getAsJsonArray("members")) {
            JsonObject shown = member.getAsJsonObject();
            distributing += "DISTRIBUTING".equals(shown.get("mux").getAsString())
                    && shown.get("distributing").getAsBoolean() ? 1 : 0;
        }
        return distributing == OURS.size();
    }

    private static JsonObject member(JsonObject lacp, String name) {
        for (JsonElement member : lacp.getAsJsonArray("members")) {
            if (name.equals(member.getAsJsonObject().get("name").getAsString())) {
                return member.getAsJsonObject();
            }
        }
        throw new AssertionError("no member " + name + " in " + lacp);
    }

    /** Each end's partner is the other's actor, field by field: what was sent was read as meant, both ways. */
    private static void assertEachSeesTheOther(JsonObject ours, OvsLacpShow.Member theirs) {
        JsonObject actor = ours.getAsJsonObject("actor");
        JsonObject partner = ours.getAsJsonObject("partner");
        String both = ours + "\n" + theirs;
        assertEquals(actor.get("system").getAsString().toLowerCase(Locale.ROOT), theirs.field("partner sys_id"), both);
        assertEquals(actor.get("systemPriority").getAsString(), theirs.field("partner sys_priority"), both);
        assertEquals(actor.get("key").getAsString(), theirs.field("partner key"), both);
        assertEquals(actor.get("port").getAsString(), theirs.field("partner port_id"), both);
        assertEquals(actor.get("portPriority").getAsString(), theirs.field("partner port_priority"), both);
        assertEquals(theirs.field("actor sys_id"), partner.get("system").getAsString().toLowerCase(Locale.ROOT), both);
        assertEquals(theirs.field("actor sys_priority"), partner.get("systemPriority").getAsString(), both);
        assertEquals(theirs.field("actor key"), partner.get("key").getAsString(), both);
        assertEquals(theirs.field("actor port_id"), partner.get("port").getAsString(), both);
        assertEquals(theirs.field("actor port_priority"), partner.get("portPriority").getAsString(), both);
    }

    private static boolean anyDistributing(JsonObject lacp) {
        for (JsonElement member : lacp.getAsJsonArray("members")) {
            if (member.getAsJsonObject().get("distributing").getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** The member's first LACP failover at or after kernel time {@code from}. */
    private static JsonObject firstLacpEntry(JsonArray history, long from, String member, JsonObject bond) {
        for (JsonElement element : history) {
            JsonObject entry = element.getAsJsonObject();
            if (entry.get("time").getAsLong() >= from && member.equals(entry.get("nic").getAsString())
                    && "LACP".equals(entry.get("reason").getAsString())) {
                return entry;
            }
        }
        throw new AssertionError("no LACP failover of " + member + " in the history: " + bond);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
