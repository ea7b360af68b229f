package org.nicmanager.kernel.api.vm;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a clustered host's VMs run (issue 16): registered only while the host is in a cluster, so that {@code vm:start}
 * places a cluster VM on a host instead of starting it here, and {@code vm:list} shows each VM's host.
 *
 * @since 1.5
 */
@ProviderType
public interface VmPlacement {

    /**
     * Starts the VM on {@code host}, or, when {@code host} is null, on the host the cluster's leader chooses: one with
     * headroom for the VM's reservation, otherwise the least loaded. Returns once the VM's owner record names the host.
     *
     * @return the host it was placed on
     * @throws IllegalArgumentException for an unknown VM, a VM already running, an unknown or dead host, or a host
     *         without headroom for the VM's reservation, naming the value and what is allowed; nothing changes then
     * @throws IllegalStateException when this host is not connected to the cluster
     */
    String start(String vm, String host);

    /** The host each cluster VM runs on, by VM name; a VM that runs nowhere is absent. */
    Map<String, String> vmHosts();
}
