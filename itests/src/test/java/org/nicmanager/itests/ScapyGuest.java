package org.nicmanager.itests;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * scapy (Debian's python3-scapy, under /usr/bin/python3) inside a namespace guest: it forges and sends frames, and
 * sniffs what reaches the guest's interface until a marker frame arrives, so that a test can count what a guest saw
 * without a timer.
 */
final class ScapyGuest {

    private static final String PYTHON = "/usr/bin/python3";

    /** argv: interface, source MAC, destination MAC, count. UDP in IPv4, as a guest's stack would send. */
    private static final String SEND = String.join("\n",
            "import sys",
            "from scapy.all import Ether, IP, UDP, Raw, sendp, conf",
            "conf.verb = 0",
            "iface, src, dst, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])",
            "frame = Ether(src=src, dst=dst) / IP(src='10.93.0.2', dst='10.93.0.1') / UDP(sport=4000, dport=9)"
                    + " / Raw(b'scapy' * 8)",
            "sendp([frame] * count, iface=iface)");

    /**
     * argv: interface, marker source MAC, then the MACs to count. Sniffs promiscuously (scapy's default), says "ready"
     * once capturing, stops at the first frame from the marker's source, and prints how many frames it saw to or from
     * the counted MACs before it.
     */
    private static final String SNIFF = String.join("\n",
            "import sys",
            "from scapy.all import sniff, conf",
            "conf.verb = 0",
            "iface, marker, counted = sys.argv[1], sys.argv[2], set(sys.argv[3:])",
            "seen = [0]",
            "def look(p):",
            "    if p.src != marker and (p.dst in counted or p.src in counted):",
            "        seen[0] += 1",
            "sniff(iface=iface, store=False, prn=look, started_callback=lambda: print('ready', flush=True),",
            "      stop_filter=lambda p: p.src == marker)",
            "print('seen', seen[0], flush=True)");

    private final TestNamespace namespace;
    private final String link;

    ScapyGuest(TestNamespace namespace, String link) {
        this.namespace = namespace;
        this.link = link;
    }

    static boolean available() {
        try {
            return new ProcessBuilder(PYTHON, "-c", "import scapy").start().waitFor() == 0;
        } catch (IOException | InterruptedException absent) {
            return false;
        }
    }

    /** Sends {@code count} UDP frames from {@code sourceMac} to {@code destinationMac} out of the guest's link. */
    void send(String sourceMac, String destinationMac, int count) throws IOException, InterruptedException {
        namespace.exec(PYTHON, "-c", SEND, link, sourceMac, destinationMac, Integer.toString(count));
    }

    /** Starts sniffing; returns once scapy captures. */
    Sniffer sniff(String markerSourceMac, String... countedMacs) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name(), PYTHON, "-c", SNIFF,
                link, markerSourceMac));
        command.addAll(List.of(countedMacs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Sniffer sniffer = new Sniffer(process);
        sniffer.awaitLine("ready");
        return sniffer;
    }

    /** A scapy sniffer running in the guest; closing it ends the process if the marker never came. */
    static final class Sniffer implements AutoCloseable {

        private final Process process;
        private final BufferedReader output;
        private final StringBuilder transcript = new StringBuilder();

        private Sniffer(Process process) {
            this.process = process;
            this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        private String awaitLine(String prefix) throws IOException {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                transcript.append(line).append('\n');
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("scapy ended before '" + prefix + "': " + transcript);
        }

        /** Once the marker frame has reached the guest: the frames counted before it. */
        long seenBeforeMarker() throws IOException, InterruptedException {
            String line = awaitLine("seen ");
            assertTrue("scapy did not finish: " + transcript,
                    process.waitFor(NicManagerTestSupport.WAIT_SECONDS, TimeUnit.SECONDS));
            return Long.parseLong(line.substring("seen ".length()).trim());
        }

        boolean finished() {
            return !process.isAlive();
        }

        @Override
        public void close() {
            process.destroyForcibly(); // this test's own process, by its handle
        }
    }
}
