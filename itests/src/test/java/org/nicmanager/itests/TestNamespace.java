package org.nicmanager.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A uniquely named network namespace ({@code nm-XXXXXXXX}) with veth pairs into it: each pair's host end stays in the
 * test's namespace, where drivers.linux opens it, and its peer end lives in the namespace, where the test pulls it. A
 * TAP device moved in makes the namespace a real guest.
 * {@link #close} removes everything, whatever state a failed test left. Needs root (CI runs as root).
 */
final class TestNamespace implements AutoCloseable {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String name = "nm-" + tag;
    private final List<String> hostEnds = new ArrayList<>();

    TestNamespace() throws IOException, InterruptedException {
        run("ip", "netns", "add", name);
    }

    static boolean possible() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A short tag unique to this namespace, for names of the test's own. */
    String tag() {
        return tag;
    }

    /** Adds the veth pair number {@code index}, both ends up; answers the host end's name. */
    String addPair(int index) throws IOException, InterruptedException {
        String hostEnd = "nmh" + index + tag;
        run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", peerEnd(index), "netns", name);
        hostEnds.add(hostEnd);
        run("ip", "link", "set", hostEnd, "up");
        run("ip", "netns", "exec", name, "ip", "link", "set", peerEnd(index), "up");
        return hostEnd;
    }

    /** The name of pair {@code index}'s end inside the namespace, e.g. for a switch there to take. */
    String peerEnd(int index) {
        return "nmp" + index + tag;
    }

    /** Pulls or plugs the peer end of pair {@code index}: its host end loses or regains its carrier. */
    void setPeerUp(int index, boolean up) throws IOException, InterruptedException {
        run("ip", "netns", "exec", name, "ip", "link", "set", peerEnd(index), up ? "up" : "down");
    }

    /** Deletes the host end of pair {@code index}, and so the pair, under whatever uses it. */
    void deletePair(int index) throws IOException, InterruptedException {
        run("ip", "link", "del", "nmh" + index + tag);
    }

    /**
     * Gives the host end of pair {@code index} to a new Linux bridge in the test's namespace, as a kernel bond or
     * bridge would hold an interface (this kernel has no bonding driver); answers the bridge's name. Removed on close.
     */
    String enslaveToBridge(int index) throws IOException, InterruptedException {
        String bridge = "nmb" + index + tag;
        run("ip", "link", "add", bridge, "type", "bridge");
        hostEnds.add(bridge);
        run("ip", "link", "set", "nmh" + index + tag, "master", bridge);
        return bridge;
    }

    /** The namespace's name, e.g. for {@code ip -n}. */
    String name() {
        return name;
    }

    /** Moves an interface of the test's namespace (a TAP device a back end opened) into this one. */
    void moveIn(String link) throws IOException, InterruptedException {
        run("ip", "link", "set", link, "netns", name);
    }

    /** Runs a command inside the namespace; answers its output, or fails naming it. */
    String exec(String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", name));
        words.addAll(List.of(command));
        return run(words.toArray(String[]::new));
    }

    /** Sends one raw Ethernet frame, given in hex, out of {@code link} inside the namespace (an AF_PACKET socket). */
    void sendFrame(String link, String hex) throws IOException, InterruptedException {
        exec("/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_PACKET, socket.SOCK_RAW);"
                + " s.bind((sys.argv[1], 0)); s.send(bytes.fromhex(sys.argv[2]))", link, hex);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
        }
        return output;
    }

    @Override
    public void close() {
        for (String hostEnd : hostEnds) {
            quietly("ip", "link", "del", hostEnd);
        }
        quietly("ip", "netns", "del", name);
    }

    private static void quietly(String... command) {
        try {
            run(command);
        } catch (IOException | InterruptedException | IllegalStateException alreadyGone) {
            // nothing to remove: the namespace took the pair with it, or it was never made
        }
    }
}
