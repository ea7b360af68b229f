package org.nicmanager.cluster;

import java.util.List;

/** The cluster as this host sees it; registered (inside this bundle only) while the host is clustered. */
public interface ClusterView {

    ClusterStatus status();

    /** Every host whose record could be read, sorted by id. */
    List<HostRecord> hosts();
}
