package org.nicmanager.operator.metrics;

import static org.nicmanager.operator.metrics.JsonFields.objects;
import static org.nicmanager.operator.metrics.JsonFields.text;

import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.operator.shell.HostShell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonObject;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Denial-of-Service detections per target and kind, from {@code dos:status --json} (COMMANDS.md shape) while that
 * command is installed: how many began, and how many are still going. Contributes nothing until the DoS defence exists.
 */
@Component(service = MultiCollector.class)
public final class DosMetrics implements MultiCollector {

    private final HostShell shell;

    @Activate
    public DosMetrics(@Reference HostShell shell) {
        this.shell = shell;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        Map<String, long[]> byTargetAndKind = new TreeMap<>();
        for (JsonObject detection : objects(shell.json("dos:status --json").orElse(null), "detections")) {
            long[] counts = byTargetAndKind.computeIfAbsent(text(detection, "target", "?") + "\u0000"
                    + text(detection, "kind", "?"), key -> new long[2]);
            counts[0]++;
            if (text(detection, "endedAt", null) == null) {
                counts[1]++;
            }
        }
        byTargetAndKind.forEach((key, counts) -> {
            String[] id = {"target", key.substring(0, key.indexOf('\u0000')), "kind",
                key.substring(key.indexOf('\u0000') + 1)};
            families.counter("nicmgr_dos_detections", "Denial-of-Service attacks detected", counts[0], id);
            families.gauge("nicmgr_dos_active_detections", "Denial-of-Service attacks going on now", counts[1], id);
        });
        return families.build();
    }
}
