package org.nicmanager.cluster;

/** Where the cluster's events go: EventAdmin in the framework, a list in tests. */
@FunctionalInterface
public interface ClusterEvents {

    /** Posts (never sends synchronously) one event; {@code subject} is the host or path concerned. */
    void post(String topic, String subject, String details);
}
