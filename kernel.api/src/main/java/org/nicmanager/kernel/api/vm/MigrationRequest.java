package org.nicmanager.kernel.api.vm;

/**
 * A request to migrate a VM to another host ([0131]-[0132]).
 *
 * @param vm the VM to move
 * @param targetHost the host that should take it
 * @param reason why, for people (e.g. the attack that prompted it)
 * @param requestedAtNanos kernel-clock time of the request
 */
public record MigrationRequest(String vm, String targetHost, String reason, long requestedAtNanos) {
}
