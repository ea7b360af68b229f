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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

/**
 * Two network namespaces are real guests on {@code tap} back ends of a host on the real clock, started from the
 * exported jar (issue 15 point 2): 64 MB of TCP from one to the other cross the NIC Manager and arrive intact, by
 * their sha256; also from a guest with offloads, whose 64 KB super-frames the host cuts into segments for the guest
 * without. Needs root, as CI runs; the namespaces are removed even on failure.
 */
class TapGuestsTcpTest {

    private static final int COMMAND_SECONDS = 120;
    private static final String SERVER = "import socket, hashlib\n"
            + "s = socket.socket(); s.bind(('10.96.0.2', 5001)); s.listen(1); s.settimeout(60)\n"
            + "c, _ = s.accept(); h = hashlib.sha256(); n = 0\n"
            + "while True:\n"
            + "    d = c.recv(65536)\n"
            + "    if not d: break\n"
            + "    h.update(d); n += len(d)\n"
            + "print(n, h.hexdigest())\n";
    /** Connects as soon as the server listens (a bounded number of tries), sends 64 MB, prints their digest. */
    private static final String CLIENT = "import socket, hashlib, os, time\n"
            + "data = os.urandom(64 * 1024 * 1024)\n"
            + "for attempt in range(200):\n"
            + "    try:\n"
            + "        s = socket.create_connection(('10.96.0.2', 5001), timeout=60); break\n"
            + "    except OSError:\n"
            + "        time.sleep(0.05)\n"
            + "s.sendall(data); s.shutdown(socket.SHUT_WR); s.recv(1)\n"
            + "print(len(data), hashlib.sha256(data).hexdigest())\n";

    private final String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000_0000, 0x7fff_ffff));
    private final String sender = "nm-s" + suffix;
    private final String receiver = "nm-r" + suffix;
    private final String senderTap = "nms" + suffix;
    private final String receiverTap = "nmr" + suffix;

    @AfterEach
    void removeNamespaces() throws Exception {
        for (String namespace : List.of(sender, receiver)) {
            new ProcessBuilder("ip", "netns", "del", namespace).start().waitFor(COMMAND_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoNamespaceGuestsOnTapExchange64MegabytesOfTcpIntact() throws Exception {
        JsonObject vnics = exchange64Megabytes("");
        JsonObject web = vnics.getAsJsonArray("vnics").get(1).getAsJsonObject();
        assertTrue(web.get("txFrames").getAsLong() > 64 * 1024 * 1024 / 9000, vnics.toString());
    }

    /** The host cuts the sender's super-frames into segments, in software, for a receiver without offloads. */
    @Test
    void aGuestWithOffloadsSendsToOneWithoutThroughSoftwareSegmentation() throws Exception {
        JsonObject vnics = exchange64Megabytes(" --offloads on");
        long superFrames = vnics.getAsJsonArray("vnics").get(1).getAsJsonObject().get("txFrames").getAsLong();
        JsonObject db = vnics.getAsJsonArray("vnics").get(0).getAsJsonObject();
        assertEquals("db-0", db.get("name").getAsString(), vnics.toString());
        assertTrue(superFrames < 64 * 1024 * 1024 / 9000, "the sender sent super-frames: " + vnics);
        assertTrue(db.get("rxFrames").getAsLong() > 64 * 1024 * 1024 / 1500, "the receiver got segments: " + vnics);
    }

    /** Sends 64 MB from web to db over TCP, checks they arrived intact, and answers {@code vnic:list --json}. */
    private JsonObject exchange64Megabytes(String senderOptions) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun");
        assumeTrue(run("id", "-u").trim().equals("0"), "needs root, as CI runs");
        try (DemoHostProcess host = new DemoHostProcess(List.of(), List.of("--bare", "--clock", "real",
                "--http-port", "0"))) {
            host.type("hw:switch add sw --ports 4");
            host.type("hw:nic add a --model e1000 --switch sw");
            host.type("bond:create bond0");
            host.type("bond:add bond0 a");
            for (String vm : List.of("web", "db")) {
                host.type("vm:create " + vm);
                host.type("vm:start " + vm);
            }
            host.type("vnic:add web --uplink bond0 --mac 02:00:00:00:96:01 --backend tap --tap " + senderTap
                    + senderOptions);
            host.type("vnic:add db --uplink bond0 --mac 02:00:00:00:96:02 --backend tap --tap " + receiverTap);
            host.json("vnic:list --json", "vnics"); // answered after the commands before it
            guest(sender, senderTap, "02:00:00:00:96:01", "10.96.0.1/24");
            guest(receiver, receiverTap, "02:00:00:00:96:02", "10.96.0.2/24");

            Process server = new ProcessBuilder("ip", "netns", "exec", receiver, "/usr/bin/python3", "-c", SERVER)
                    .redirectErrorStream(true).start();
            String sent = run("ip", "netns", "exec", sender, "/usr/bin/python3", "-c", CLIENT).trim();
            assertTrue(server.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS), "the receiver finished");
            String received = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(sent.startsWith("67108864 "), sent);
            assertEquals(sent, received, "what arrived is what was sent");

            JsonObject vnics = host.json("vnic:list --json", "vnics");
            JsonObject web = vnics.getAsJsonArray("vnics").get(1).getAsJsonObject();
            assertEquals("web-0", web.get("name").getAsString(), vnics.toString());
            assertEquals("tap", web.get("backend").getAsString());
            assertEquals(0, host.exit(), host.errors());
            return vnics;
        }
    }

    /** Moves the host's TAP device into a new namespace, which takes the guest's MAC and address there. */
    private static void guest(String namespace, String tap, String mac, String address) throws Exception {
        run("ip", "netns", "add", namespace);
        run("ip", "link", "set", tap, "netns", namespace);
        run("ip", "-n", namespace, "link", "set", tap, "address", mac, "up");
        run("ip", "-n", namespace, "address", "add", address, "dev", tap);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + COMMAND_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
