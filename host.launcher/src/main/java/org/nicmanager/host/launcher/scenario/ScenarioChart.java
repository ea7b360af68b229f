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
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scenario's chart (JFreeChart, headless): per-VM throughput above (Mb/s from {@code net:stats}, else frames per
 * second sent), per-NIC transmit throughput below (Mb/s), against kernel time, with a vertical marker at each notable
 * event (failover, failback, cable pulls, faults, floods). Events that fall together share one marker with a numbered
 * tag ({@link MarkerLayout}), and the legend under the chart lists what each number holds, so that no two labels are
 * drawn over one another however many events coincide.
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
    /** Room for one numbered tag and the gap to the next, in pixels; markers closer than this share a tag. */
    static final double TAG_PIXELS = 28;
    /** What the plot area leaves of the chart's width (the range axis and its label on the left, the insets). */
    private static final double PLOT_WIDTH_PIXELS = WIDTH - 110;
    private static final Font TAG_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ScenarioChart() {
    }

    public static void write(Path file, String title, List<Interval> intervals, List<Marker> markers)
            throws IOException {
        boolean vmBits = intervals.stream().anyMatch(row -> row.kind().equals(Sample.VM) && !Double.isNaN(row.txBps()));
        XYSeriesCollection vmSeries = series(intervals, Sample.VM, vmBits);
        XYPlot vms = plot(vmSeries, vmBits ? "VM throughput (Mb/s)" : "VM transmit (frames/s)", 0);
        XYPlot nics = plot(series(intervals, Sample.NIC, true), "NIC transmit (Mb/s)", vmSeries.getSeriesCount());
        List<MarkerLayout.Group> groups = MarkerLayout.groups(markers, span(intervals, markers), PLOT_WIDTH_PIXELS,
                TAG_PIXELS);
        mark(vms, groups, true);
        mark(nics, groups, false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("kernel time (s)"));
        plot.setGap(12);
        plot.add(vms, 1);
        plot.add(nics, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (!groups.isEmpty()) {
            chart.addSubtitle(legend(groups));
        }
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

    /** The time the axis covers: from 0 (where a scenario starts) to the last interval or marker. */
    private static long span(List<Interval> intervals, List<Marker> markers) {
        long last = Math.max(intervals.stream().mapToLong(Interval::time).max().orElse(0),
                markers.stream().mapToLong(Marker::time).max().orElse(0));
        return Math.max(1, last);
    }

    /** One dashed line per group; in the upper plot, its number at the top. */
    private static void mark(XYPlot plot, List<MarkerLayout.Group> groups, boolean tagged) {
        for (MarkerLayout.Group group : groups) {
            ValueMarker line = new ValueMarker(group.time() / NANOS_PER_SECOND, MARKER, new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            if (tagged) {
                line.setLabel(group.tag());
                line.setLabelFont(TAG_FONT);
                line.setLabelPaint(MARKER);
                line.setLabelBackgroundColor(Color.WHITE);
                line.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                line.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                line.setLabelOffset(new RectangleInsets(4, 2, 4, 4));
            }
            plot.addDomainMarker(line);
        }
    }

    /** Under the chart: one line per numbered group, its time and its events. */
    private static TextTitle legend(List<MarkerLayout.Group> groups) {
        String text = String.join("\n", groups.stream().map(MarkerLayout.Group::legendLine).toList());
        TextTitle legend = new TextTitle(text, LEGEND_FONT, MARKER, RectangleEdge.BOTTOM, HorizontalAlignment.LEFT,
                VerticalAlignment.TOP, new RectangleInsets(6, 60, 4, 10));
        legend.setTextAlignment(HorizontalAlignment.LEFT);
        return legend;
    }
}
