package org.nicmanager.operator.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Collects one scrape's samples into the client library's snapshots: a family per name, with its help text, and one
 * data point per label set. Counter names are given without {@code _total}; the library's writer adds it.
 */
final class Families {

    private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();
    private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();

    /** @param labels names and values, alternating */
    void counter(String name, String help, double value, String... labels) {
        counters.computeIfAbsent(name, key -> CounterSnapshot.builder().name(key).help(help))
                .dataPoint(CounterDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
    }

    /** @param labels names and values, alternating */
    void gauge(String name, String help, double value, String... labels) {
        gauges.computeIfAbsent(name, key -> GaugeSnapshot.builder().name(key).help(help))
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
    }

    /** A counter from a document's numeric field; nothing when the field is absent. */
    void counterFrom(String name, String help, JsonObject from, String field, String... labels) {
        double value = JsonFields.number(from, field);
        if (!Double.isNaN(value)) {
            counter(name, help, value, labels);
        }
    }

    /** A gauge from a document's numeric field; nothing when the field is absent. */
    void gaugeFrom(String name, String help, JsonObject from, String field, String... labels) {
        double value = JsonFields.number(from, field);
        if (!Double.isNaN(value)) {
            gauge(name, help, value, labels);
        }
    }

    /** A gauge in bytes per second from a document's field in bits per second; nothing when it is absent. */
    void bytesPerSecondFrom(String name, String help, JsonObject from, String bitsPerSecondField, String... labels) {
        double bps = JsonFields.number(from, bitsPerSecondField);
        if (!Double.isNaN(bps)) {
            gauge(name, help, bps / Byte.SIZE, labels);
        }
    }

    MetricSnapshots build() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        counters.values().forEach(builder -> snapshots.add(builder.build()));
        gauges.values().forEach(builder -> snapshots.add(builder.build()));
        return new MetricSnapshots(snapshots);
    }
}
