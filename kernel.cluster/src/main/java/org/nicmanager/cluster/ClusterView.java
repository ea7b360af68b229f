package org.nicmanager.cluster;

import java.util.List;
import java.util.Map;

/** The cluster as this host sees it; registered (inside this bundle only) while the host is clustered. */
public interface ClusterView {

    ClusterStatus status();

    /** Every host whose record could be read, sorted by id. */
    List<HostRecord> hosts();

    /** {@code vm:start VM [--on HOST]}: see {@link org.nicmanager.kernel.api.vm.VmPlacement#start}. */
    String place(String vm, String host);

    /** The host each cluster VM runs on (its owner record), by VM. */
    Map<String, String> vmHosts();
}
