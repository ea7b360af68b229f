package org.nicmanager.drivers.linux.testnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A uniquely named network namespace and a veth pair: the host end in this process's namespace, where the driver opens
 * it, and the peer end inside the namespace, where a test's {@link PeerSocket} sends and listens. IPv6 is off on both
 * ends so that no router solicitation or MLD report mixes with a test's frames. {@link #close} removes everything,
 * whatever state a failed test left.
 */
public final class VethPair implements AutoCloseable {

    private final String namespace;
    private final String hostEnd;
    private final String peerEnd;

    private VethPair(String tag) {
        this.namespace = "nm-" + tag;
        this.hostEnd = "nmh" + tag;
        this.peerEnd = "nmp" + tag;
    }

    /** Makes the namespace and the pair, both ends up. Needs root (CI runs as root). */
    public static VethPair create() {
        VethPair pair = new VethPair(UUID.randomUUID().toString().substring(0, 8));
        try {
            pair.ip("netns", "add", pair.namespace);
            pair.ip("link", "add", pair.hostEnd, "type", "veth", "peer", "name", pair.peerEnd, "netns",
                    pair.namespace);
            disableIpv6(pair.hostEnd);
            pair.inNamespace("sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6;"
                    + " echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6;"
                    + " echo 1 > /proc/sys/net/ipv6/conf/" + pair.peerEnd + "/disable_ipv6; true");
            pair.inNamespace("ip", "link", "set", pair.peerEnd, "up");
            pair.ip("link", "set", pair.hostEnd, "up");
            return pair;
        } catch (RuntimeException failed) {
            pair.close();
            throw failed;
        }
    }

    /** True where this test can make namespaces: root with the {@code ip} tool. */
    public static boolean possible() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
        return ip && "root".equals(System.getProperty("user.name"));
    }

    private static void disableIpv6(String interfaceName) {
        Path knob = Path.of("/proc/sys/net/ipv6/conf", interfaceName, "disable_ipv6");
        try {
            if (Files.exists(knob)) {
                Files.writeString(knob, "1", StandardCharsets.US_ASCII);
            }
        } catch (IOException notWritable) {
            throw new IllegalStateException("cannot turn IPv6 off on " + interfaceName, notWritable);
        }
    }

    public String namespace() {
        return namespace;
    }

    public String hostEnd() {
        return hostEnd;
    }

    public String peerEnd() {
        return peerEnd;
    }

    /** Pulls or plugs the peer end: the host end loses or regains its carrier. */
    public void setPeerUp(boolean up) {
        inNamespace("ip", "link", "set", peerEnd, up ? "up" : "down");
    }

    /** The peer end's received-frames counter, as its namespace's kernel keeps it. */
    public long peerReceivedFrames() {
        return Long.parseLong(output("ip", "netns", "exec", namespace, "cat",
                "/sys/class/net/" + peerEnd + "/statistics/rx_packets").trim());
    }

    public void ip(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(command);
    }

    public void inNamespace(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(List.of(arguments));
        run(command);
    }

    private static void run(List<String> command) {
        output(command.toArray(new String[0]));
    }

    private static String output(String... arguments) {
        List<String> command = List.of(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8).trim());
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", failed);
        }
    }

    /** Deletes the host end (and so the pair) and the namespace; each step runs even when another fails. */
    @Override
    public void close() {
        quietly("link", "del", hostEnd);
        quietly("netns", "del", namespace);
    }

    private void quietly(String... arguments) {
        try {
            ip(arguments);
        } catch (IllegalStateException alreadyGone) {
            // Nothing to remove: the step that would have made it failed, or the namespace took the pair with it.
        }
    }
}
