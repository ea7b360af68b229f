package org.nicmanager.host.launcher.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFilesTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path folder;

    /** A NIC sending 1,000 frames of 1,000 bytes per 100 ms, and a VM that appears at 200 ms. */
    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            samples.add(new Sample(i * 100 * MS, Sample.NIC, "vmnic0", i * 1_000L, i * 1_000_000L, 0, 0, Double.NaN));
            if (i >= 2) {
                samples.add(new Sample(i * 100 * MS, Sample.VM, "web", (i - 1) * 500L, -1, 0, -1, Double.NaN));
            }
        }
        return samples;
    }

    @Test
    void intervalsAddUpToTheLastCounters() {
        List<Interval> intervals = Intervals.of(0, samples());
        assertEquals(5_000, intervals.stream().filter(row -> row.name().equals("vmnic0"))
                .mapToLong(Interval::txFrames).sum());
        assertEquals(5_000_000, intervals.stream().filter(row -> row.name().equals("vmnic0"))
                .mapToLong(Interval::txBytes).sum());
        assertEquals(2_000, intervals.stream().filter(row -> row.name().equals("web")).mapToLong(Interval::txFrames)
                .sum());
        Interval steady = intervals.stream().filter(row -> row.name().equals("vmnic0") && row.time() == 300 * MS)
                .findFirst().orElseThrow();
        assertEquals(80e6, steady.txBps(), 1e-3, "1,000,000 bytes in 100 ms");
        assertTrue(Double.isNaN(intervals.stream().filter(row -> row.name().equals("web")).findFirst().orElseThrow()
                .txBps()), "a VM's bits per second are unknown without net:stats");
    }

    @Test
    void theCsvAndTheChartAreWritten() throws Exception {
        List<Interval> intervals = Intervals.of(0, samples());
        Path csv = folder.resolve("run.csv");
        Path png = folder.resolve("run.png");
        ScenarioCsv.write(csv, intervals);
        ScenarioChart.write(png, "run", intervals, List.of(
                new Marker(250 * MS, "nicmgr/bond/FAILOVER", "bond0", "vmnic0"),
                new Marker(0, "nicmgr/bond/CREATED", "bond0", null)));

        List<String> lines = Files.readAllLines(csv);
        assertEquals(ScenarioCsv.HEADER, lines.get(0));
        assertEquals("300000000,0.300,nic,vmnic0,1000,1000000,0,0,80000000.0,0.0,10000.0", lines.get(5));
        assertTrue(lines.contains("300000000,0.300,vm,web,500,,0,,,,5000.0"), lines.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(ScenarioChart.WIDTH, image.getWidth());
        assertEquals(ScenarioChart.HEIGHT, image.getHeight());
    }
}
