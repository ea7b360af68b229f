package org.nicmanager.resource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.scheduler.LineRateUplinkDouble;
import org.nicmanager.resource.scheduler.UplinkUsage;
import org.nicmanager.resource.scheduler.WhatIf;
import org.nicmanager.testsupport.ManualScheduler;

/** A resource engine with a bond of two 1 Gb/s members, a VM registry double and recorded events. */
public final class EngineRig implements VmFacts {

    public static final long GBPS = 1_000_000_000L;
    public static final long MBPS = 1_000_000L;

    /** @param uplink null when the event names none */
    public record Announcement(String topic, String subject, String details, String uplink) {
    }

    public final ManualScheduler clock = new ManualScheduler();
    final Map<String, Integer> priorities = new TreeMap<>();
    final Set<String> suspendedVms = new HashSet<>();
    public final List<Announcement> events = new ArrayList<>();
    public final ResourceEngine engine = new ResourceEngine(clock, this,
            (topic, subject, uplink, details, numbers) -> events.add(new Announcement(topic, subject, details,
                    uplink)),
            ResourceSettings.defaults());
    public final LineRateUplinkDouble bond = new LineRateUplinkDouble(clock, GBPS, GBPS);
    public final UplinkScheduler scheduler = engine.open("bond0", bond);
    private int nextPort;

    public EngineRig() {
        bond.attach(scheduler);
    }

    /** A VM in the registry with a virtual NIC on the bond. */
    public EngineRig vm(String name, int priority) {
        priorities.put(name, priority);
        scheduler.connect(nextPort++, name);
        return this;
    }

    /** A VM in the registry that sends through no uplink. */
    EngineRig idleVm(String name) {
        priorities.put(name, Priority.DEFAULT);
        return this;
    }

    /** The engine as the commands see it, each call run directly (the test is the world thread). */
    public ResourceControl control() {
        return new ResourceControl() {
            @Override
            public AllocationView allocate(String vm, AllocationChange change) {
                engine.allocate(vm, change);
                return engine.show(vm);
            }

            @Override
            public AllocationView show(String vm) {
                return engine.show(vm);
            }

            @Override
            public List<UplinkUsage> usage(long windowNanos) {
                return engine.usage(windowNanos);
            }

            @Override
            public List<WhatIf> whatIf(List<String> nics) {
                return engine.whatIf(nics);
            }

            @Override
            public void configured(String vm, NetworkAllocation allocation, boolean priorityGiven, long revision) {
                engine.configured(vm, allocation, priorityGiven, revision);
            }

            @Override
            public void unconfigured(String vm) {
                engine.unconfigured(vm);
            }
        };
    }

    @Override
    public List<String> names() {
        return List.copyOf(priorities.keySet());
    }

    @Override
    public boolean exists(String vm) {
        return priorities.containsKey(vm);
    }

    @Override
    public int priority(String vm) {
        return priorities.getOrDefault(vm, Priority.DEFAULT);
    }

    @Override
    public boolean suspended(String vm) {
        return suspendedVms.contains(vm);
    }
}
