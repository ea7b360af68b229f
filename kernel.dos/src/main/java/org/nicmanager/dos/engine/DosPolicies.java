package org.nicmanager.dos.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * The VMs' DoS policies, with revisions: {@code dos:policy} puts a change in force at once and stores it with the next
 * revision, so that the configuration event that follows (same revision) is recognised as not newer. A policy written
 * by hand (revision 0) always applies. World thread.
 */
final class DosPolicies {

    private record Stored(DosPolicy policy, long revision) {
    }

    private final Map<String, Stored> policies = new TreeMap<>();

    DosPolicy policy(String vm) {
        Stored stored = policies.get(vm);
        return stored == null ? DosPolicy.DEFAULT : stored.policy();
    }

    boolean configured(String vm) {
        return policies.containsKey(vm);
    }

    /** @return the revision the change is stored with */
    long set(String vm, DosPolicy policy) {
        long revision = revision(vm) + 1;
        policies.put(vm, new Stored(policy, revision));
        return revision;
    }

    /** From ConfigAdmin; @return whether it was applied (false when stale) */
    boolean configured(String vm, DosPolicy policy, long revision) {
        long inForce = revision(vm);
        if (revision > 0 && revision <= inForce) {
            return false;
        }
        policies.put(vm, new Stored(policy, Math.max(revision, inForce + 1)));
        return true;
    }

    void unconfigured(String vm) {
        policies.remove(vm);
    }

    Map<String, DosPolicy> all() {
        Map<String, DosPolicy> all = new TreeMap<>();
        policies.forEach((vm, stored) -> all.put(vm, stored.policy()));
        return all;
    }

    private long revision(String vm) {
        Stored stored = policies.get(vm);
        return stored == null ? 0 : stored.revision();
    }
}
