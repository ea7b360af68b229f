package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The resource manager's shares and reservations hold for real guests (issue 15, "Shares"), measured by iperf3 in the
 * guests rather than by our own counters. Two namespace guests on {@code tap} back ends, VMs web and batch, each send
 * one TCP stream as fast as it can to an iperf3 server behind a Linux bridge in an external namespace. Their uplink is
 * an active-backup bond of two drivers.linux NICs on veth pairs into that bridge, each held to a declared line rate of
 * {@value #LINE_RATE}, so that the bond, not the CPU, is the bottleneck the VMs share.
 *
 * <p>The host runs from the exported jar on the real clock. Namespaces and iperf3 servers are removed even on
 * failure; only processes started here are ended, by their id. Needs root and iperf3, as CI has.
 */
class RealGuestSharesTest {

    private static final String LINE_RATE = "100Mbps";
    private static final int SECONDS = 8;
    /** iperf3 leaves out the first seconds, while TCP's window grows and the queues fill. */
    private static final int OMIT_SECONDS = 2;
    /**
     * Per TCP segment on the wire beyond its payload: TCP with timestamps 32, IPv4 20, Ethernet 14, FCS 4, preamble
     * and gap 20.
     */
    private static final int SEGMENT_OVERHEAD_BYTES = 90;
    private static final String SERVER_ADDRESS = "10.98.0.100";

    private final List<TestNamespace> namespaces = new ArrayList<>();
    /** web's namespace, then batch's. */
    private final List<TestNamespace> guests = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private TestNamespace external;

    @BeforeEach
    void needsRootAndIperf() throws Exception {
        assumeTrue(TestNamespace.possible(), "needs root, as CI runs");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/iperf3")), "iperf3 is installed by the README's test command");
    }

    @AfterEach
    void removeEverything() {
        servers.forEach(Process::destroy);
        for (Process server : servers) {
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        namespaces.forEach(TestNamespace::close);
    }

    @Test
    void guestsWithSharesTwoToOneGetThroughputsInTheRatioTwoToOne() throws Exception {
        try (DemoHostProcess host = host()) {
            host.type("net:alloc web --shares 2");
            host.type("net:alloc batch --shares 1");
            double[] bitsPerSecond = race(host);

            double ratio = bitsPerSecond[0] / bitsPerSecond[1];
            assertEquals(2.0, ratio, 0.1, String.format("web %.1f and batch %.1f Mbit/s", bitsPerSecond[0] / 1e6,
                    bitsPerSecond[1] / 1e6));
            assertEquals(0, host.exit(), host.errors());
        }
    }

    @Test
    void aReservationHoldsAgainstTenTimesTheShares() throws Exception {
        long reservedBps = 40_000_000L;
        try (DemoHostProcess host = host()) {
            host.type("net:alloc web --shares 10");
            host.type("net:alloc batch --shares 1 --reservation 40Mbps");
            double[] bitsPerSecond = race(host);

            // Without the reservation batch would get a tenth of the 100 Mbit/s, i.e. 9 Mbit/s.
            assertTrue(bitsPerSecond[1] >= 0.95 * reservedBps, String.format("batch's %.1f Mbit/s on the wire hold"
                    + " its %d Mbit/s reservation within 5 %%; web got %.1f", bitsPerSecond[1] / 1e6,
                    reservedBps / 1_000_000, bitsPerSecond[0] / 1e6));
            assertEquals(0, host.exit(), host.errors());
        }
    }

    /**
     * The topology, and the two VMs with their vNICs on TAP devices, moved into the guests' namespaces.
     * The external namespace holds the bridge and the iperf3 servers.
     */
    private DemoHostProcess host() throws Exception {
        external = track(new TestNamespace());
        String first = external.addPair(0);
        String second = external.addPair(1);
        external.exec("ip", "link", "add", "brx", "type", "bridge");
        for (String port : List.of("nmp0" + external.tag(), "nmp1" + external.tag())) {
            external.exec("ip", "link", "set", port, "master", "brx");
        }
        external.exec("ip", "address", "add", SERVER_ADDRESS + "/24", "dev", "brx");
        external.exec("ip", "link", "set", "brx", "up");
        offloadsOff(external, "brx", "nmp0" + external.tag(), "nmp1" + external.tag());

        DemoHostProcess host = new DemoHostProcess(List.of(), List.of("--bare", "--clock", "real", "--http-port",
                "0"));
        host.type("linux:add u0 --interface " + first + " --speed " + LINE_RATE);
        host.type("linux:add u1 --interface " + second + " --speed " + LINE_RATE);
        host.type("bond:create bond0 --policy failover-order");
        host.type("bond:add bond0 u0 u1");
        int address = 1;
        for (String vm : List.of("web", "batch")) {
            String tap = "nmt" + address + external.tag();
            String mac = "02:00:00:00:98:0" + address;
            host.type("vm:create " + vm);
            host.type("vm:start " + vm);
            host.type("vnic:add " + vm + " --uplink bond0 --mac " + mac + " --backend tap --tap " + tap);
            host.json("vnic:list --json", "vnics"); // answered once the TAP device exists
            TestNamespace guest = track(new TestNamespace());
            guests.add(guest);
            guest.moveIn(tap);
            guest.exec("ip", "link", "set", tap, "address", mac, "up");
            guest.exec("ip", "address", "add", "10.98.0." + address + "/24", "dev", tap);
            offloadsOff(guest, tap);
            address++;
        }
        return host;
    }

    /**
     * Both guests send at once for {@value #SECONDS} s, each to its own iperf3 server; answers their throughputs on
     * the wire in bit/s (what iperf3 measured as received, with each segment's headers added back), web's first.
     */
    private double[] race(DemoHostProcess host) throws Exception {
        for (int port : List.of(5201, 5202)) {
            servers.add(new ProcessBuilder("ip", "netns", "exec", external.name(), "iperf3", "--server", "--one-off",
                    "--bind", SERVER_ADDRESS, "--port", String.valueOf(port)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        List<Process> clients = new ArrayList<>();
        int port = 5201;
        for (TestNamespace guest : guests) {
            clients.add(new ProcessBuilder("ip", "netns", "exec", guest.name(), "iperf3", "--client", SERVER_ADDRESS,
                    "--port", String.valueOf(port++), "--time", String.valueOf(SECONDS + OMIT_SECONDS), "--omit",
                    String.valueOf(OMIT_SECONDS), "--connect-timeout", "10000", "--json").start());
        }
        double[] wireBitsPerSecond = new double[2];
        for (int i = 0; i < 2; i++) {
            Process client = clients.get(i);
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS) && client.exitValue() == 0, "iperf3 in the guest: "
                    + output + "\nhost: " + host.errors());
            JsonObject result = JsonParser.parseString(output).getAsJsonObject();
            double goodput = result.getAsJsonObject("end").getAsJsonObject("sum_received")
                    .get("bits_per_second").getAsDouble();
            int mss = result.getAsJsonObject("start").get("tcp_mss_default").getAsInt();
            wireBitsPerSecond[i] = goodput * (mss + SEGMENT_OVERHEAD_BYTES) / mss;
        }
        // The figures, and what the host saw, go to the test's report.
        System.out.printf("web %.1f, batch %.1f Mbit/s on the wire%n%s%n", wireBitsPerSecond[0] / 1e6,
                wireBitsPerSecond[1] / 1e6, host.json("net:stats --json --window 10s", "now"));
        return wireBitsPerSecond;
    }

    /** A user-space switch sees what the kernel hands it: checksums must be complete (issue 15's pitfalls). */
    private static void offloadsOff(TestNamespace namespace, String... links) throws IOException,
            InterruptedException {
        for (String link : links) {
            namespace.exec("ethtool", "-K", link, "tx", "off");
        }
    }

    private TestNamespace track(TestNamespace namespace) {
        namespaces.add(namespace);
        return namespace;
    }
}
