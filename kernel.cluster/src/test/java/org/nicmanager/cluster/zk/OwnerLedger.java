package org.nicmanager.cluster.zk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which hosts act as each VM's owner at each moment, across every host of a test: a VM acted for by two hosts at once
 * is a violation of "no VM is ever owned twice", kept with the two hosts' names.
 */
final class OwnerLedger {

    private final Map<String, Set<String>> actingHosts = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long transitions;

    synchronized void acting(String host, String vm, boolean acting) {
        Set<String> hosts = actingHosts.computeIfAbsent(vm, ignored -> new HashSet<>());
        if (acting ? hosts.add(host) : hosts.remove(host)) {
            transitions++;
        }
        if (hosts.size() > 1) {
            violations.add("VM " + vm + " owned by " + hosts + " at once");
        }
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized Set<String> actingFor(String vm) {
        return Set.copyOf(actingHosts.getOrDefault(vm, Set.of()));
    }

    synchronized long transitions() {
        return transitions;
    }
}
