package org.nicmanager.kernel.api.vm;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The VM manager's migration: requests that a VM move to another host ([0131]-[0132]). */
@ProviderType
public interface MigrationService {

    /**
     * Asks {@code targetHost} to take {@code vm} and records the request; an alert is raised.
     *
     * @throws IllegalArgumentException for an unknown VM, a VM that is not running or suspended, an unknown host
     *         (naming the hosts there are), or a refusal by the host; nothing is recorded then
     */
    MigrationRequest request(String vm, String targetHost, String reason);

    /** The hosts that can take VMs now, sorted. */
    List<String> targets();

    /** Every request made, oldest first. */
    List<MigrationRequest> requests();
}
