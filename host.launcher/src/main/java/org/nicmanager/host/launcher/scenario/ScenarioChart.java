package org.nicmanager.host.launcher.scenario;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scenario's chart (JFreeChart, headless): per-VM throughput above (Mb/s from {@code net:stats}, else frames per
 * second sent), per-NIC transmit throughput below (Mb/s), against kernel time, with a vertical marker at each notable
 * event (failover, failback, cable pulls, faults, floods).
 */
public final class ScenarioChart {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 800;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final double BITS_PER_MEGABIT = 1e6;
    private static final Color MARKER = new Color(200, 40, 40);
    /** Dark, distinct line colours (JFreeChart's defaults include a pale yellow). */
    private static final Color[] LINES = {new Color(29, 53, 87), new Color(42, 157, 143), new Color(231, 111, 81),
        new Color(106, 76, 147), new Color(244, 162, 97), new Color(69, 123, 157), new Color(138, 201, 38),
        new Color(120, 120, 120)};
    /** Labels of markers close together are staggered over this many rows. */
    private static final int LABEL_ROWS = 4;
    private static final double LABEL_ROW_POINTS = 14;

    private ScenarioChart() {
    }

    public static void write(Path file, String title, List<Interval> intervals, List<Marker> markers)
            throws IOException {
        boolean vmBits = intervals.stream().anyMatch(row -> row.kind().equals(Sample.VM) && !Double.isNaN(row.txBps()));
        XYSeriesCollection vmSeries = series(intervals, Sample.VM, vmBits);
        XYPlot vms = plot(vmSeries, vmBits ? "VM throughput (Mb/s)" : "VM transmit (frames/s)", 0);
        XYPlot nics = plot(series(intervals, Sample.NIC, true), "NIC transmit (Mb/s)", vmSeries.getSeriesCount());
        mark(vms, markers, true);
        mark(nics, markers, false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("kernel time (s)"));
        plot.setGap(12);
        plot.add(vms, 1);
        plot.add(nics, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** One line per VM or NIC: Mb/s when {@code bits}, else frames per second. */
    private static XYSeriesCollection series(List<Interval> intervals, String kind, boolean bits) {
        Map<String, XYSeries> byName = new LinkedHashMap<>();
        for (Interval row : intervals) {
            if (!row.kind().equals(kind)) {
                continue;
            }
            double value = bits ? row.txBps() / BITS_PER_MEGABIT : row.txFps();
            if (!Double.isNaN(value)) {
                byName.computeIfAbsent(row.name(), XYSeries::new).add(row.time() / NANOS_PER_SECOND, value);
            }
        }
        XYSeriesCollection collection = new XYSeriesCollection();
        byName.values().forEach(collection::addSeries);
        return collection;
    }

    /** @param firstColour where in the palette this plot's lines start, so that no two lines share a colour */
    private static XYPlot plot(XYSeriesCollection data, String axis, int firstColour) {
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesStroke(i, new BasicStroke(2f));
            lines.setSeriesPaint(i, LINES[(firstColour + i) % LINES.length]);
        }
        XYPlot plot = new XYPlot(data, null, new NumberAxis(axis), lines);
        plot.setBackgroundPaint(new Color(248, 248, 250));
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static void mark(XYPlot plot, List<Marker> markers, boolean labelled) {
        int row = 0;
        for (Marker marker : markers) {
            if (!marker.notable()) {
                continue;
            }
            ValueMarker line = new ValueMarker(marker.time() / NANOS_PER_SECOND, MARKER, new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            if (labelled) {
                line.setLabel(marker.label());
                line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                line.setLabelPaint(MARKER);
                line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                line.setLabelOffset(new RectangleInsets(4 + LABEL_ROW_POINTS * (row++ % LABEL_ROWS), 4, 4, 4));
            }
            plot.addDomainMarker(line);
        }
    }
}
