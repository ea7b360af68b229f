package org.nicmanager.vmmanager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.nicmanager.lib.units.Rate;

/**
 * The VM manager's reaction to a bottleneck (patent steps 820 and 824, [0124]): a member of a bond failed and what is
 * left is not enough, because the bond carried more than the survivors can (measured), or because the resource manager
 * reports that a VM on it lost its guarantee or its share. By policy, the lowest-priority running VMs on that bond are
 * suspended so that the higher-priority ones get the survivors' capacity, and are resumed once the bond is whole again.
 * One reaction per failure; every action raises an alert. Runs on the network world's thread.
 */
final class BottleneckReaction {

    private final VmManager vms;
    private final Alerter alerter;
    private BottleneckPolicy policy = BottleneckPolicy.ALERT_ONLY;
    /** Bonds with a failed member now. */
    private final Set<String> degraded = new HashSet<>();
    /** Bonds reacted to since their last failure: one reaction per failure, until the bond is whole again. */
    private final Set<String> reacted = new HashSet<>();
    /** The VMs precedence starves on each degraded bond ([0117]), as the resource manager reported them. */
    private final Map<String, Set<String>> starving = new HashMap<>();
    /** The VMs suspended for each bond's bottleneck, in the order they were suspended. */
    private final Map<String, Set<String>> suspendedFor = new HashMap<>();

    BottleneckReaction(VmManager vms, Alerter alerter) {
        this.vms = vms;
        this.alerter = alerter;
    }

    void setPolicy(BottleneckPolicy policy) {
        this.policy = policy;
    }

    BottleneckPolicy policy() {
        return policy;
    }

    /** The bond watch saw a bond lose a member, or become whole again. */
    void changed(BondWatch.Change change) {
        if (!change.failed()) {
            whole(change.bond());
            return;
        }
        degraded.add(change.bond());
        if (change.demandBps() > change.capacityBps()) {
            react(change.bond(), "members " + change.failedMembers() + " of bond " + change.bond() + " failed: it"
                    + " carried " + rate(change.demandBps()) + " and the rest can carry " + rate(change.capacityBps()));
        }
    }

    /**
     * The resource manager reports a shortage on {@code uplink} (a broken guarantee, a VM over its share): a
     * bottleneck when one of the bond's members has failed (after {@code net:alloc} it is the operator's doing).
     */
    void shortage(String uplink, String reported) {
        if (degraded.contains(uplink)) {
            react(uplink, "a member of bond " + uplink + " failed, and the resource manager reports " + reported);
        }
    }

    /**
     * The resource manager reports that precedence starves {@code vm} on {@code uplink}: on a degraded bond that is a
     * bottleneck, and the alert names the VM (a second alert when the bond was reacted to before the VM starved).
     */
    void starving(String uplink, String vm, String reported) {
        if (!degraded.contains(uplink)) {
            return;
        }
        Set<String> starved = starving.computeIfAbsent(uplink, key -> new LinkedHashSet<>());
        if (!starved.add(vm)) {
            return;
        }
        if (!reacted.contains(uplink)) {
            react(uplink, "a member of bond " + uplink + " failed, and the resource manager reports " + reported);
        } else if (policy != BottleneckPolicy.NEVER) {
            alerter.raise(VmTopics.BOTTLENECK, uplink, "bond " + uplink + " is short since a member failed, and"
                    + " precedence is starving " + starved + ": " + reported, starvedProperty(uplink));
        }
    }

    private void react(String bond, String why) {
        if (policy == BottleneckPolicy.NEVER || !reacted.add(bond)) {
            return;
        }
        why += starvingClause(bond);
        List<VmInfo> running = runningOn(bond);
        int highest = running.stream().mapToInt(VmInfo::priority).max().orElse(0);
        int lowest = running.stream().mapToInt(VmInfo::priority).min().orElse(0);
        if (lowest == highest) {
            alerter.raise(VmTopics.BOTTLENECK, bond, why + "; the running VMs " + names(running) + " share priority "
                    + highest + ", so none is suspended for another", starvedProperty(bond));
            return;
        }
        List<VmInfo> lowestTier = running.stream().filter(vm -> vm.priority() == lowest).toList();
        if (policy == BottleneckPolicy.ALERT_ONLY) {
            alerter.raise(VmTopics.BOTTLENECK, bond, why + "; policy alert-only: would suspend " + names(lowestTier)
                    + " (priority " + lowest + ") so that VMs of priority up to " + highest + " keep the bandwidth",
                    starvedProperty(bond));
            return;
        }
        Set<String> suspended = suspendedFor.computeIfAbsent(bond, key -> new LinkedHashSet<>());
        for (VmInfo vm : lowestTier) {
            vms.suspendFor(vm.name(), cause(bond));
            suspended.add(vm.name());
        }
        alerter.raise(VmTopics.BOTTLENECK, bond, why + "; suspended " + names(lowestTier) + " (priority " + lowest
                + ") so that VMs of priority up to " + highest + " keep the bandwidth, until failback",
                starvedProperty(bond));
    }

    /** The bond is whole again: the VMs suspended for it resume (each unless something else holds it). */
    private void whole(String bond) {
        degraded.remove(bond);
        reacted.remove(bond);
        starving.remove(bond);
        Set<String> suspended = suspendedFor.remove(bond);
        if (suspended == null || suspended.isEmpty()) {
            return;
        }
        List<String> resumed = new ArrayList<>();
        for (String vm : suspended) {
            if (vms.vm(vm).isPresent()) {
                vms.resumeFor(vm, cause(bond));
                resumed.add(vm);
            }
        }
        alerter.raise(VmTopics.BOTTLENECK, bond, "bond " + bond + " failed back and is whole again; resumed "
                + resumed + ", suspended for its bottleneck");
    }

    /** What each bond's bottleneck holds suspended now, for {@code vm:bottleneck}. */
    Map<String, List<String>> suspended() {
        Map<String, List<String>> copy = new HashMap<>();
        suspendedFor.forEach((bond, vmNames) -> copy.put(bond, List.copyOf(vmNames)));
        return copy;
    }

    /** "; precedence is starving [vm, ...]" when the resource manager reported any on the bond, else nothing. */
    private String starvingClause(String bond) {
        Set<String> starved = starving.get(bond);
        return starved == null || starved.isEmpty() ? "" : "; precedence is starving " + starved;
    }

    /** The alert's {@link VmTopics#STARVED_VMS}: the VMs precedence starves on the bond, so far. */
    private Map<String, Object> starvedProperty(String bond) {
        return Map.of(VmTopics.STARVED_VMS, List.copyOf(starving.getOrDefault(bond, Set.of())));
    }

    static String cause(String bond) {
        return "bottleneck on bond " + bond;
    }

    private List<VmInfo> runningOn(String uplink) {
        return vms.vms().stream().filter(vm -> vm.state() == VmState.RUNNING)
                .filter(vm -> vm.vnics().stream().anyMatch(vnic -> uplink.equals(vnic.uplink()))).toList();
    }

    private static String names(List<VmInfo> vms) {
        return vms.stream().map(VmInfo::name).toList().toString();
    }

    private static String rate(long bitsPerSecond) {
        return new Rate(bitsPerSecond, Rate.Unit.BITS_PER_SECOND).toString();
    }
}
