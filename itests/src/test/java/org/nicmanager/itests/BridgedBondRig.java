package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;

/**
 * The real path of issue 15's "Traffic" and "Failover", shared by the tests on it: a namespace guest on the tap back
 * end of a host on the real clock (started from the exported jar), whose uplink is a bond of two drivers.linux NICs on
 * veth pairs; their peers, in an external namespace, are ports of a Linux bridge that holds the external address.
 *
 * <pre>
 *   guest ns                   test's ns: the host                        external ns
 *   TAP 10.97.0.1  ~~ vNIC -- bond0 (failover-order) -- u0 on nmh0T ==== nmp0T --+-- bridge brT 10.97.0.2
 *                                                   \-- u1 on nmh1T ==== nmp1T --/
 * </pre>
 *
 * The bond runs {@code failover-order} (Linux's active-backup) with immediate failback: a Linux bridge is no
 * link-aggregation partner, so one member, u0 while it has a carrier, carries the guest and the other waits, and a test
 * knows which port the bridge should learn the guest on.
 * Transmit checksum offload is off on the external namespace's interfaces: the host's packet sockets receive frames
 * without their offload metadata, and TCP would fail its checksums (issue 15's pitfalls). The guest's TAP is the same,
 * unless the rig is made with offloads: then the vNIC has {@code --offloads on}, and the guest leaves checksums and
 * TCP segmentation to the host. The guest has
 * no IPv6, so that it sends only what a test makes it send. {@link #close} removes everything, also after a failure,
 * and ends only the processes started here. Needs root, as CI runs.
 */
final class BridgedBondRig implements AutoCloseable {

    static final String GUEST_MAC = "02:00:00:00:97:01";
    static final String BRIDGE_MAC = "02:00:00:00:97:02";
    static final String GUEST_IP = "10.97.0.1";
    static final String EXTERNAL_IP = "10.97.0.2";
    static final String BOND = "bond0";
    private static final String PREFIX = "/24";

    private final List<ToolProcess> tools = new ArrayList<>();
    private TestNamespace external;
    private TestNamespace guest;
    private DemoHostProcess host;
    private String tap;
    private String bridge;
    private List<String> hostEnds = List.of();
    private final boolean offloads;

    /** Skips the test only when what it needs is truly absent: root and the tun device. */
    static void assumePossible() {
        assumeTrue(TestNamespace.possible(), "needs root, as CI runs");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
    }

    BridgedBondRig() throws Exception {
        this(false);
    }

    /** @param offloads the guest's vNIC with {@code --offloads on}, its TAP with checksum and TCP offloads left on */
    BridgedBondRig(boolean offloads) throws Exception {
        this.offloads = offloads;
        try {
            build();
        } catch (Exception | AssertionError failure) {
            close();
            throw failure;
        }
    }

    private void build() throws Exception {
        external = new TestNamespace();
        guest = new TestNamespace();
        String tag = external.tag();
        tap = "nmg" + tag;
        bridge = "br" + tag;
        external.exec("ip", "link", "set", "lo", "up");
        external.exec("ip", "link", "add", bridge, "address", BRIDGE_MAC, "type", "bridge");
        hostEnds = List.of(external.addPair(0), external.addPair(1));
        for (int member = 0; member < 2; member++) {
            external.exec("ip", "link", "set", bridgePort(member), "master", bridge);
        }
        if (!offloads) {
            // Without offloads the host's NICs carry no virtio headers to the guest: checksums must be complete.
            for (int member = 0; member < 2; member++) {
                external.exec("ethtool", "-K", bridgePort(member), "tx", "off");
            }
            external.exec("ethtool", "-K", bridge, "tx", "off");
        }
        external.exec("ip", "address", "add", EXTERNAL_IP + PREFIX, "dev", bridge);
        external.exec("ip", "link", "set", bridge, "up");

        host = new DemoHostProcess(List.of(), List.of("--bare", "--clock", "real", "--http-port", "0"));
        host.type("linux:add u0 --interface " + hostEnds.get(0));
        host.type("linux:add u1 --interface " + hostEnds.get(1));
        host.type("bond:create " + BOND + " --policy failover-order --failback immediate");
        host.type("bond:add " + BOND + " u0 u1");
        host.type("vm:create guest");
        host.type("vm:start guest");
        host.type("vnic:add guest --uplink " + BOND + " --mac " + GUEST_MAC + " --backend tap --tap " + tap
                + (offloads ? " --offloads on" : ""));
        String bond = bond().toString(); // answered after the commands before it
        assertTrue(bond.contains(member("u0", true)) && bond.contains(member("u1", false)), bond);

        guest.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        guest.moveIn(tap);
        guest.exec("ip", "link", "set", tap, "address", GUEST_MAC, "up");
        guest.exec("ip", "address", "add", GUEST_IP + PREFIX, "dev", tap);
        if (!offloads) {
            guest.exec("ethtool", "-K", tap, "tx", "off");
        }
    }

    /** A member as {@code bond:show --json} lists it, UP. */
    static String member(String nic, boolean active) {
        return member(nic, "UP", active);
    }

    /** A member as {@code bond:show --json} lists it. */
    static String member(String nic, String state, boolean active) {
        return "{\"name\":\"" + nic + "\",\"state\":\"" + state + "\",\"active\":" + active;
    }

    DemoHostProcess host() {
        return host;
    }

    JsonObject bond() throws Exception {
        return host.json("bond:show " + BOND + " --json", "name");
    }

    /** Waits (a bounded poll of {@code bond:show}) until the bond's JSON contains {@code wanted}; answers it. */
    String awaitBond(String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        String shown;
        while (!(shown = bond().toString()).contains(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bond:show has no " + wanted + " after " + Patience.SECONDS + " s: "
                        + shown);
            }
        }
        return shown;
    }

    /** What a failed assertion should show: the bond and the virtual NIC as the host sees them. */
    String diagnostics() throws Exception {
        return "\nbond: " + bond() + "\nvnics: " + host.json("vnic:list --json", "vnics");
    }

    TestNamespace guest() {
        return guest;
    }

    TestNamespace external() {
        return external;
    }

    /** The bridge port (in the external namespace) cabled to member {@code member}, 0 for u0 and 1 for u1. */
    String bridgePort(int member) {
        return external.peerEnd(member);
    }

    /** The interface in the test's namespace (the host's) that member {@code member}'s NIC runs on. */
    String hostEnd(int member) {
        return hostEnds.get(member);
    }

    /** Starts a program inside {@code namespace}, or in the test's own (the host's) when null; it ends with the rig. */
    ToolProcess start(TestNamespace namespace, String... command) throws IOException {
        List<String> words = new ArrayList<>();
        if (namespace != null) {
            words.addAll(List.of("ip", "netns", "exec", namespace.name()));
        }
        words.addAll(List.of(command));
        ToolProcess tool = new ToolProcess(words);
        tools.add(tool);
        return tool;
    }

    /** Starts one of the rig's python scripts (resources beside this class) inside {@code namespace} (null: here). */
    ToolProcess python(TestNamespace namespace, String script, String... arguments) throws IOException {
        List<String> words = new ArrayList<>(List.of("/usr/bin/python3", "-c", script(script)));
        words.addAll(List.of(arguments));
        return start(namespace, words.toArray(String[]::new));
    }

    private static String script(String name) throws IOException {
        try (InputStream in = BridgedBondRig.class.getResourceAsStream("bridged/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no script bridged/" + name + " beside " + BridgedBondRig.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** An iperf3 server for one test on the external address, answered once it listens. */
    ToolProcess iperfServer(int port) throws Exception {
        ToolProcess server = start(external, "iperf3", "-s", "-1", "-B", EXTERNAL_IP, "-p", String.valueOf(port),
                "--forceflush");
        server.awaitLine(line -> line.contains("Server listening"), "iperf3 server start");
        return server;
    }

    /** The bridge port on which the bridge's forwarding database has {@code mac} now, or null. */
    String fdbPort(String mac) throws Exception {
        for (String line : external.exec("bridge", "fdb", "show", "br", bridge).split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[0].equalsIgnoreCase(mac) && words[1].equals("dev")) {
                return words[2];
            }
        }
        return null;
    }

    /** Waits (a bounded poll of {@code bridge fdb}) until the bridge has {@code mac} on {@code port}. */
    void awaitFdbPort(String mac, String port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Patience.SECONDS);
        String seen;
        while (!port.equals(seen = fdbPort(mac))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bridge has " + mac + " on " + seen + ", not " + port + ", after "
                        + Patience.SECONDS + " s:\n" + external.exec("bridge", "fdb", "show", "br", bridge));
            }
        }
    }

    /** Frames the guest has sent out of its TAP device so far, by the guest kernel's own count. */
    long guestFramesSent() throws Exception {
        return Long.parseLong(guest.exec("cat", "/sys/class/net/" + tap + "/statistics/tx_packets").trim());
    }

    /** Fixed neighbour entries on both sides, so that neither ever sends an ARP of its own. */
    void pinNeighbours() throws Exception {
        guest.exec("ip", "neigh", "replace", EXTERNAL_IP, "lladdr", BRIDGE_MAC, "dev", tap, "nud", "permanent");
        external.exec("ip", "neigh", "replace", GUEST_IP, "lladdr", GUEST_MAC, "dev", bridge, "nud", "permanent");
    }

    /** Ends the host as an operator does (end of input) and answers its exit code. */
    int stopHost() throws InterruptedException {
        return host.exit();
    }

    String hostErrors() {
        return host.errors();
    }

    @Override
    public void close() {
        for (ToolProcess tool : tools) {
            tool.close();
        }
        if (host != null) {
            host.close();
        }
        if (guest != null) {
            guest.close();
        }
        if (external != null) {
            external.close();
        }
    }
}
