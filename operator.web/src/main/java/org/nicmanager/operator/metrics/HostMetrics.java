package org.nicmanager.operator.metrics;

import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.operator.timeline.EventTimeline;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** The kernel (its clock and the world's action queue) and the state-change events seen, by topic. */
@Component(service = MultiCollector.class)
public final class HostMetrics implements MultiCollector {

    private static final double NANOS_PER_SECOND = 1e9;

    private final NetworkWorld world;
    private final EventTimeline timeline;

    @Activate
    public HostMetrics(@Reference NetworkWorld world, @Reference EventTimeline timeline) {
        this.world = world;
        this.timeline = timeline;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        families.gauge("nicmgr_kernel_time_seconds", "Kernel-clock time since the kernel started",
                timeline.now() / NANOS_PER_SECOND, "clock", world.clockMode().name());
        families.gauge("nicmgr_kernel_world_queue_depth", "Actions posted to the network world and not yet run",
                world.queueDepth());
        timeline.ring().countByTopic().forEach((topic, count) -> families.counter("nicmgr_events",
                "State-change events posted, by EventAdmin topic", count, "topic", topic));
        return families.build();
    }
}
