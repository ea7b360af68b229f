package org.nicmanager.host.launcher.scenario;

import java.util.Set;

/**
 * A state-change event seen during a scenario, with its kernel time; the chart marks the notable ones.
 *
 * @param nic the NIC concerned when the subject is something else (a bond's failover), or null
 */
public record Marker(long time, String topic, String subject, String nic) {

    /** Kinds that build the scenario rather than happen to it: listed in the events CSV, not marked on the chart. */
    private static final Set<String> SET_UP = Set.of("CREATED", "DELETED", "ADDED", "MEMBER_ADDED", "MEMBER_REMOVED",
            "POLICY_CHANGED", "STARTED", "STOPPED");

    public String kind() {
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    public boolean notable() {
        return !SET_UP.contains(kind());
    }

    public String label() {
        return kind() + " " + (nic == null || nic.equals(subject) ? subject : nic + " (" + subject + ")");
    }
}
