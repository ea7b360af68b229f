package org.nicmanager.resource.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.testsupport.ManualScheduler;

/**
 * One scheduler on a {@link LineRateUplinkDouble} and a {@link ManualScheduler}, with VMs whose allocations a test
 * sets and traffic sources that offer frames on timers. Everything runs in virtual time on the test's thread.
 */
final class SchedulerRig implements VmAllocations {

    static final long MILLIS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final long GBPS = 1_000_000_000L;
    static final long MBPS = 1_000_000L;

    /** What a scheduler announced. */
    record Announcement(String topic, String subject, String uplink, String details, Map<String, Object> numbers) {
    }

    final ManualScheduler clock = new ManualScheduler();
    final LineRateUplinkDouble uplink;
    final UplinkFrameScheduler scheduler;
    final FramePool pool = new FramePool(1 << 16, 9022);
    final List<Announcement> events = new ArrayList<>();
    final List<TrafficSource> sources = new ArrayList<>();
    private final Map<String, NetworkAllocation> allocations = new HashMap<>();
    private final Set<String> suspended = new HashSet<>();
    private final Set<String> fenced = new HashSet<>();
    private final ResourceSettings settings;

    SchedulerRig(long... memberBps) {
        this(ResourceSettings.defaults(), memberBps);
    }

    SchedulerRig(ResourceSettings settings, long... memberBps) {
        this.settings = settings;
        this.uplink = new LineRateUplinkDouble(clock, memberBps);
        this.scheduler = new UplinkFrameScheduler("bond0", uplink, clock, settings,
                this, (topic, subject, uplinkName, details, numbers) -> events
                        .add(new Announcement(topic, subject, uplinkName, details, numbers)));
        uplink.attach(scheduler);
    }

    /** The default settings with the per-interval floor off: pure precedence for higher priorities. */
    static ResourceSettings withoutFloor() {
        ResourceSettings defaults = ResourceSettings.defaults();
        return new ResourceSettings(defaults.costMode(), defaults.lagBoundUnits(), defaults.intervalNanos(), 0,
                defaults.intervalMaxUnits(), defaults.queueLimitFrames(), defaults.queueLimitBytes(),
                defaults.minShares(), defaults.maxShares(), defaults.defaultShares());
    }

    static NetworkAllocation shares(int shares) {
        return new NetworkAllocation(shares, 0, 0, 0, 0, 0, 0, Priority.DEFAULT);
    }

    /** Connects VM {@code name} on port {@code port} with an allocation. */
    void vm(String name, int port, NetworkAllocation allocation) {
        allocations.put(name, allocation);
        scheduler.connect(port, name);
    }

    void reallocate(String name, NetworkAllocation allocation) {
        allocations.put(name, allocation);
        scheduler.allocationChanged(name, allocation);
    }

    void suspend(String name, boolean isSuspended) {
        if (isSuspended) {
            suspended.add(name);
        } else {
            suspended.remove(name);
        }
        scheduler.suspended(name, isSuspended);
    }

    void fence(String name, boolean isFenced) {
        if (isFenced) {
            fenced.add(name);
        } else {
            fenced.remove(name);
        }
        scheduler.fenced(name, isFenced);
    }

    @Override
    public boolean fenced(String vm) {
        return fenced.contains(vm);
    }

    /** A source offering {@code frameBytes}-long frames on {@code port} at {@code wireBps}, starting now. */
    TrafficSource source(int port, int frameBytes, long wireBps) {
        TrafficSource source = new TrafficSource(clock, pool, scheduler, port, frameBytes, wireBps);
        sources.add(source);
        source.start();
        return source;
    }

    /** A source that always has frames waiting: twice the uplink's capacity. */
    TrafficSource backlogged(int port, int frameBytes) {
        return source(port, frameBytes, 2 * uplink.capacityBps());
    }

    void run(long nanos) {
        clock.advance(nanos);
    }

    long now() {
        return clock.nanoTime();
    }

    double share(int port, long from, long to, long capacityBps) {
        return uplink.bps(port, from, to) / capacityBps;
    }

    List<Announcement> events(String topic) {
        return events.stream().filter(event -> event.topic().equals(topic)).toList();
    }

    VmUsage usage(String vm) {
        return scheduler.usage(ThroughputHistory.SAMPLE_NANOS).vms().stream().filter(row -> row.vm().equals(vm))
                .findFirst().orElseThrow();
    }

    @Override
    public NetworkAllocation allocationOf(String vm) {
        return allocations.getOrDefault(vm, shares(settings.defaultShares()));
    }

    @Override
    public boolean suspended(String vm) {
        return suspended.contains(vm);
    }
}
