package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code examples/real-guests/real-guests.sh} does what its README says (issue 15 point 7): both guests' iperf3 streams
 * end with throughputs in the ratio of their shares, the pulled veth shows as a failover, and the script leaves no
 * namespace behind. Needs root, iperf3 and ethtool, as CI has.
 */
class RealGuestsDemoTest {

    private static final Path SCRIPT = Path.of("..", "examples", "real-guests", "real-guests.sh");
    private static final Pattern RATIO = Pattern.compile("web ([0-9.]+) Mbit/s, batch ([0-9.]+) Mbit/s, ratio");

    @Test
    void theDemoSharesTwoToOneAcrossAFailoverAndCleansUp() throws Exception {
        assumeTrue(TestNamespace.possible(), "needs root, as CI runs");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/iperf3")), "iperf3 is installed by the README's test command");
        ProcessBuilder run = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        run.environment().put("SECONDS_PER_STREAM", "10");
        run.environment().put("HTTP_PORT", "0"); // any free port
        Process demo = run.start();
        demo.getOutputStream().close();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(120, TimeUnit.SECONDS), output);

        assertEquals(0, demo.exitValue(), output);
        Matcher figures = RATIO.matcher(output);
        assertTrue(figures.find(), output);
        double ratio = Double.parseDouble(figures.group(1)) / Double.parseDouble(figures.group(2));
        assertEquals(2.0, ratio, 0.2, output); // iperf3's figures include the seconds around the failover
        assertTrue(output.contains("CARRIER_LOST"), "the failover shows in bond:show's history\n" + output);
        Process namespaces = new ProcessBuilder("ip", "netns", "list").start();
        String left = new String(namespaces.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        namespaces.waitFor(60, TimeUnit.SECONDS);
        assertFalse(left.contains("nmd-"), "the demo removed its namespaces: " + left);
    }
}
