package org.nicmanager.operator.metrics;

import static org.nicmanager.operator.metrics.JsonFields.object;
import static org.nicmanager.operator.metrics.JsonFields.objects;
import static org.nicmanager.operator.metrics.JsonFields.text;

import java.util.Map;

import org.nicmanager.operator.shell.HostShell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The resource manager's per-VM account, from {@code net:stats --json} (COMMANDS.md shape) while the command is
 * installed: offered load and throughput, share of capacity, frames sent, queued and dropped by reason, virtual time.
 * Without {@code net:stats} it contributes nothing.
 */
@Component(service = MultiCollector.class)
public final class ResourceMetrics implements MultiCollector {

    private final HostShell shell;

    @Activate
    public ResourceMetrics(@Reference HostShell shell) {
        this.shell = shell;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        JsonObject stats = shell.json("net:stats --json").orElse(null);
        if (stats != null) {
            families.bytesPerSecondFrom("nicmgr_resource_capacity_bytes_per_second",
                    "Line rate of the members carrying traffic now, summed over uplinks", stats, "capacityBps");
        }
        for (JsonObject vm : objects(stats, "vms")) {
            String[] id = {"vm", text(vm, "name", "?")};
            families.bytesPerSecondFrom("nicmgr_resource_offered_bytes_per_second",
                    "What a VM offered over the stats window", vm, "offeredBps", id);
            families.bytesPerSecondFrom("nicmgr_resource_throughput_bytes_per_second",
                    "What a VM sent over the stats window", vm, "throughputBps", id);
            families.gaugeFrom("nicmgr_resource_share_of_capacity", "A VM's share of the capacity in use, 0 to 1", vm,
                    "shareOfCapacity", id);
            families.counterFrom("nicmgr_resource_sent_frames", "Frames the resource manager let a VM send", vm,
                    "sentFrames", id);
            families.counterFrom("nicmgr_resource_delivered_frames",
                    "Frames of a VM whose last bit left a NIC", vm, "deliveredFrames", id);
            families.gaugeFrom("nicmgr_resource_queued_frames",
                    "Frames of a VM waiting on the host: in its queue, the bond's backlog or a NIC's ring", vm,
                    "queuedFrames", id);
            families.gaugeFrom("nicmgr_resource_virtual_time", "A VM's local virtual time (proportional sharing)", vm,
                    "virtualTime", id);
            for (Map.Entry<String, JsonElement> drop : object(vm, "dropped").entrySet()) {
                families.counter("nicmgr_resource_dropped_frames",
                        "Frames of a VM dropped, by reason: by the resource manager or downstream (bond, NIC, cable)",
                        drop.getValue().getAsDouble(), "vm", id[1], "reason", drop.getKey());
            }
        }
        return families.build();
    }
}
