package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A scenario run ({@code --script} on the virtual clock) of {@code examples/failover}: it writes a CSV time series
 * whose intervals add up to the host's own counters at the end, the events with their kernel times, and a chart.
 */
class ScenarioTest {

    private static final File JAR = new File(RunDescriptor.WORKSPACE, "run/target/nicmgr.jar");
    private static final Path FAILOVER = RunDescriptor.WORKSPACE.toPath().resolve("examples/failover/failover.gogo");

    @TempDir
    Path work;

    @Test
    void theFailoverExampleWritesItsCsvEventsAndChart() throws Exception {
        Path out = work.resolve("out");
        Process process = new ProcessBuilder("java", "-jar", JAR.getAbsolutePath(), "--script", FAILOVER.toString(),
                "--out", out.toString()).directory(work.toFile()).start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertTrue(process.waitFor(Patience.SECONDS, TimeUnit.SECONDS),
                "the scenario did not finish within " + Patience.SECONDS + " s");
        assertEquals(0, process.exitValue(), stderr.get());
        assertTrue(stderr.get().contains("scenario: wrote "), stderr.get());

        BufferedImage chart = ImageIO.read(out.resolve("failover.png").toFile());
        assertEquals(1200, chart.getWidth());
        assertEquals(800, chart.getHeight());

        List<String> csv = Files.readAllLines(out.resolve("failover.csv"));
        assertEquals("timeNanos,timeSeconds,kind,name,txFrames,txBytes,rxFrames,rxBytes,txBps,rxBps,txFps", csv.get(0));
        Map<String, long[]> totals = new HashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",", -1);
            long[] sum = totals.computeIfAbsent(cells[2] + "/" + cells[3], key -> new long[4]);
            sum[0] += Long.parseLong(cells[4]);
            sum[1] += cells[5].isEmpty() ? 0 : Long.parseLong(cells[5]);
            sum[2] += Long.parseLong(cells[6]);
            sum[3] += cells[7].isEmpty() ? 0 : Long.parseLong(cells[7]);
        }
        JsonObject nics = document(stdout.get(), "{\"nics\":");
        for (JsonElement element : nics.getAsJsonArray("nics")) {
            JsonObject nic = element.getAsJsonObject();
            long[] sum = totals.get("nic/" + nic.get("name").getAsString());
            assertEquals(nic.get("txFrames").getAsLong(), sum[0], "transmitted frames of " + nic);
            assertEquals(nic.get("txBytes").getAsLong(), sum[1], "transmitted bytes of " + nic);
            assertEquals(nic.get("rxFrames").getAsLong(), sum[2], "received frames of " + nic);
            assertEquals(nic.get("rxBytes").getAsLong(), sum[3], "received bytes of " + nic);
        }
        JsonObject vnics = document(stdout.get(), "{\"vnics\":");
        for (JsonElement element : vnics.getAsJsonArray("vnics")) {
            JsonObject vnic = element.getAsJsonObject();
            assertEquals(vnic.get("txFrames").getAsLong(), totals.get("vm/" + vnic.get("vm").getAsString())[0],
                    "frames sent by " + vnic);
        }
        assertTrue(totals.get("nic/vmnic1")[0] > totals.get("nic/vmnic0")[0], "vmnic1 carried all during the pull");

        List<String> events = Files.readAllLines(out.resolve("failover-events.csv"));
        assertTrue(events.contains("2000000000,2.000,nicmgr/bond/FAILOVER,bond0"), events.toString());
        assertTrue(events.contains("5000000000,5.000,nicmgr/hw/PLUGGED,vmnic0"), events.toString());
        assertTrue(events.contains("6000000000,6.000,nicmgr/bond/FAILBACK,bond0"), events.toString());
    }

    /** The JSON document printed on the line that starts so. */
    private static JsonObject document(String output, String start) {
        return output.lines().filter(line -> line.startsWith(start)).findFirst()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + output));
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }
}
