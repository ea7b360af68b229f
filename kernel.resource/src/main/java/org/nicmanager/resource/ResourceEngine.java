package org.nicmanager.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.ResourceTopics;
import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.resource.allocation.AllocationChange;
import org.nicmanager.resource.allocation.AllocationRules;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.allocation.StoredAllocation;
import org.nicmanager.resource.scheduler.ResourceEvents;
import org.nicmanager.resource.scheduler.UplinkFrameScheduler;
import org.nicmanager.resource.scheduler.UplinkUsage;
import org.nicmanager.resource.scheduler.VmAllocations;
import org.nicmanager.resource.scheduler.VmUsage;
import org.nicmanager.resource.scheduler.WhatIf;

/**
 * The resource manager's state, owned by the network world's thread: one scheduler per uplink, the configured
 * allocations and the settings. Every method runs on the world thread; a refused change throws an
 * {@link IllegalArgumentException} naming the bad value and changes nothing.
 */
public final class ResourceEngine implements VmAllocations {

    /** Windows shorter than one statistics sample measure nothing. */
    public static final long SHORTEST_WINDOW_NANOS = 10 * TimeSpan.NANOS_PER_MILLI;
    public static final long STATS_WINDOW_NANOS = TimeSpan.NANOS_PER_SECOND;

    private final KernelScheduler clock;
    private final VmFacts vms;
    private final ResourceEvents events;
    private final Map<String, UplinkFrameScheduler> uplinks = new TreeMap<>();
    private final Map<String, StoredAllocation> allocations = new HashMap<>();
    /** The cluster VMs this host does not own now (issue 16); empty on a standalone host. */
    private final Set<String> fenced = new HashSet<>();
    private ResourceSettings settings;

    public ResourceEngine(KernelScheduler clock, VmFacts vms, ResourceEvents events, ResourceSettings settings) {
        this.clock = clock;
        this.vms = vms;
        this.events = events;
        this.settings = settings;
    }

    public UplinkScheduler open(String uplink, UplinkPort port) {
        if (uplinks.containsKey(uplink)) {
            throw new IllegalArgumentException("a scheduler for uplink '" + uplink + "' is already open");
        }
        UplinkFrameScheduler scheduler = new UplinkFrameScheduler(uplink, port, clock, settings, this, events);
        uplinks.put(uplink, scheduler);
        return scheduler;
    }

    public void close(String uplink) {
        UplinkFrameScheduler scheduler = uplinks.remove(uplink);
        if (scheduler != null) {
            scheduler.close();
        }
    }

    public void closeAll() {
        uplinks.values().forEach(UplinkFrameScheduler::close);
        uplinks.clear();
    }

    @Override
    public NetworkAllocation allocationOf(String vm) {
        StoredAllocation stored = allocations.get(vm);
        if (stored == null) {
            return AllocationRules.defaults(settings, vms.priority(vm));
        }
        return stored.priorityGiven() ? stored.allocation() : withPriority(stored.allocation(), vms.priority(vm));
    }

    @Override
    public boolean suspended(String vm) {
        return vms.suspended(vm);
    }

    /**
     * {@code net:alloc}: checks the change on its own and against every uplink the VM sends through, then applies it. A
     * reservation is admitted when it fits what the uplink carries with every member up and selected, less the others'
     * reservations, so that the answer does not depend on a failure or on LACP negotiating at that moment; one that
     * does not fit what the uplink carries now is in force but broken (GUARANTEE_BROKEN) until it does.
     */
    public StoredAllocation allocate(String vm, AllocationChange change) {
        if (!vms.exists(vm)) {
            throw new IllegalArgumentException("no VM named '" + vm + "'; VMs: "
                    + (vms.names().isEmpty() ? "none" : String.join(", ", vms.names())));
        }
        StoredAllocation current = allocations.get(vm);
        NetworkAllocation before = allocationOf(vm);
        NetworkAllocation after = change.applyTo(before);
        AllocationRules.check(after, settings);
        if (after.reservationBps() > before.reservationBps()) {
            for (UplinkFrameScheduler scheduler : uplinks.values()) {
                checkFits(vm, after.reservationBps(), scheduler);
            }
        }
        boolean priorityGiven = change.priority() != null || (current != null && current.priorityGiven());
        StoredAllocation stored = new StoredAllocation(after, priorityGiven, current == null ? 1 : current.revision() + 1);
        put(vm, stored);
        return stored;
    }

    /**
     * A configuration arrived (ConfigAdmin): applied unless it is stale (an older revision than the one in force), which
     * {@code net:alloc}'s own write-back always is by the time it arrives. Reservations are not checked against capacity
     * here: guarantees that do not fit are broken in priority order, and announced.
     *
     * @param revision 0 for a configuration written by hand
     */
    public void configured(String vm, NetworkAllocation allocation, boolean priorityGiven, long revision) {
        if (vm == null || vm.isBlank()) {
            throw new IllegalArgumentException("the configuration names no VM (property vm)");
        }
        StoredAllocation current = allocations.get(vm);
        long inForce = current == null ? 0 : current.revision();
        if (revision > 0 && revision <= inForce) {
            return;
        }
        NetworkAllocation resolved = priorityGiven ? allocation : withPriority(allocation, vms.priority(vm));
        AllocationRules.check(resolved, settings);
        put(vm, new StoredAllocation(allocation, priorityGiven, Math.max(revision, inForce + 1)));
    }

    /** The VM's configuration was deleted: it goes back to the defaults. */
    public void unconfigured(String vm) {
        if (allocations.remove(vm) != null) {
            pushAllocation(vm);
        }
    }

    /** This host stopped, or again started, acting as the cluster VM's owner (issue 16). */
    public void vmFenced(String vm, boolean isFenced) {
        if (isFenced ? fenced.add(vm) : fenced.remove(vm)) {
            uplinks.values().forEach(scheduler -> scheduler.fenced(vm, isFenced));
        }
    }

    @Override
    public boolean fenced(String vm) {
        return fenced.contains(vm);
    }

    public void vmSuspended(String vm, boolean suspended) {
        uplinks.values().forEach(scheduler -> scheduler.suspended(vm, suspended));
    }

    public void settingsChanged(ResourceSettings changed) {
        this.settings = changed;
        uplinks.values().forEach(scheduler -> scheduler.settingsChanged(changed));
    }

    public ResourceSettings settings() {
        return settings;
    }

    public AllocationView show(String vm) {
        if (!vms.exists(vm) && !allocations.containsKey(vm)) {
            throw new IllegalArgumentException("no VM named '" + vm + "'; VMs: "
                    + (vms.names().isEmpty() ? "none" : String.join(", ", vms.names())));
        }
        List<VmUsage> usage = new ArrayList<>();
        for (UplinkUsage uplink : usage(STATS_WINDOW_NANOS)) {
            uplink.vms().stream().filter(row -> row.vm().equals(vm)).forEach(usage::add);
        }
        return AllocationView.of(vm, allocationOf(vm), allocations.get(vm), usage);
    }

    public List<UplinkUsage> usage(long windowNanos) {
        checkWindow(windowNanos);
        List<UplinkUsage> usage = new ArrayList<>();
        uplinks.values().forEach(scheduler -> usage.add(scheduler.usage(windowNanos)));
        return usage;
    }

    /** {@code net:whatif fail NIC...}: each uplink that has one of the NICs, as if they failed. */
    public List<WhatIf> whatIf(List<String> nics) {
        if (nics.isEmpty()) {
            throw new IllegalArgumentException("name at least one NIC, e.g. net:whatif fail vmnic0");
        }
        Set<String> known = new LinkedHashSet<>();
        List<WhatIf> answers = new ArrayList<>();
        for (UplinkFrameScheduler scheduler : uplinks.values()) {
            List<String> members = scheduler.nics();
            known.addAll(members);
            List<String> failing = nics.stream().filter(members::contains).toList();
            if (!failing.isEmpty()) {
                answers.add(scheduler.whatIf(failing));
            }
        }
        for (String nic : nics) {
            if (!known.contains(nic)) {
                throw new IllegalArgumentException("NIC '" + nic + "' carries no VM traffic the resource manager"
                        + " schedules; NICs of its uplinks: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        return answers;
    }

    private void checkFits(String vm, long reservationBps, UplinkFrameScheduler scheduler) {
        if (!scheduler.carries(vm)) {
            return;
        }
        long room = scheduler.reservationRoom(vm);
        if (reservationBps > room) {
            long admissible = scheduler.admissibleCapacityBps();
            throw new IllegalArgumentException("reservation " + rate(reservationBps) + " for VM " + vm
                    + " does not fit uplink " + scheduler.uplink() + ": its capacity with every member up and selected"
                    + " is " + rate(admissible) + " and other VMs reserve " + rate(admissible - room)
                    + " there, leaving " + rate(Math.max(0, room)) + " (it carries " + rate(scheduler.capacityBps())
                    + " now)");
        }
    }

    private void checkWindow(long windowNanos) {
        long longest = UplinkFrameScheduler.longestWindowNanos();
        if (windowNanos < SHORTEST_WINDOW_NANOS || windowNanos > longest) {
            throw new IllegalArgumentException("window " + TimeSpan.format(windowNanos) + " is outside "
                    + TimeSpan.format(SHORTEST_WINDOW_NANOS) + ".." + TimeSpan.format(longest)
                    + " (the history kept)");
        }
    }

    private void put(String vm, StoredAllocation stored) {
        allocations.put(vm, stored);
        pushAllocation(vm);
    }

    /**
     * Puts the allocation in force on every uplink and announces it once per uplink the VM is connected to, naming
     * that uplink; a VM connected to none yet gets one announcement without an uplink.
     */
    private void pushAllocation(String vm) {
        NetworkAllocation allocation = allocationOf(vm);
        uplinks.values().forEach(scheduler -> scheduler.allocationChanged(vm, allocation));
        Map<String, Object> numbers = Map.of(ResourceTopics.PRIORITY, allocation.priority(),
                ResourceTopics.RESERVATION_BPS, allocation.reservationBps());
        List<String> carrying = uplinks.values().stream().filter(scheduler -> scheduler.carries(vm))
                .map(UplinkFrameScheduler::uplink).toList();
        if (carrying.isEmpty()) {
            events.post(ResourceTopics.ALLOCATION_CHANGED, vm, null, "allocation of VM " + vm + " (on no uplink yet)"
                    + " is now " + allocation, numbers);
        }
        for (String uplink : carrying) {
            events.post(ResourceTopics.ALLOCATION_CHANGED, vm, uplink, "allocation of VM " + vm + " on uplink "
                    + uplink + " is now " + allocation, numbers);
        }
    }

    private static NetworkAllocation withPriority(NetworkAllocation allocation, int priority) {
        return new NetworkAllocation(allocation.shares(), allocation.reservationBps(), allocation.limitBps(),
                allocation.averageBps(), allocation.peakBps(), allocation.burstBytes(), allocation.peakPeriodNanos(),
                priority);
    }

    private static String rate(long bps) {
        return new Rate(bps, Rate.Unit.BITS_PER_SECOND).toString();
    }
}
