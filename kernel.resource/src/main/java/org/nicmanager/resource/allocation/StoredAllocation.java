package org.nicmanager.resource.allocation;

import org.nicmanager.kernel.api.resource.NetworkAllocation;

/**
 * A VM's configured allocation as the resource manager keeps it.
 *
 * @param priorityGiven false when the priority was not configured and follows the VM's own (vm:create --priority)
 * @param revision counts the changes made here; a configuration carrying an older revision is stale and ignored
 */
public record StoredAllocation(NetworkAllocation allocation, boolean priorityGiven, long revision) {
}
