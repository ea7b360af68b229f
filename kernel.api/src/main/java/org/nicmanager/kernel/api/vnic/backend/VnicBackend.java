package org.nicmanager.kernel.api.vnic.backend;

import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device back end for virtual NICs, registered as a service (whiteboard): the VMM tracks every one and finds it by
 * {@link #name()} in {@code vnic:add --backend}. When the service leaves, the virtual NICs on it lose their guest
 * (frames for it are dropped and counted) and are opened again when a back end of that name returns.
 */
@ConsumerType
public interface VnicBackend {

    /** Service property a back end may carry with its {@link #name()}, for service filters; the name itself rules. */
    String NAME_PROPERTY = "nicmanager.vnic.backend";

    /** The name used in {@code vnic:add --backend} and shown by {@code vnic:list}: lower case, e.g. {@code udp}. */
    String name();

    /** The {@code vnic:add} options it takes, without dashes (e.g. {@code tap}; {@code listen}, {@code peer}). */
    Set<String> options();

    /**
     * Connects a guest to one virtual NIC. Called on the network world's thread; it may open files and sockets and
     * start threads, but must not wait for a guest.
     *
     * @param options the {@code vnic:add} options given, by name without dashes, each one of {@link #options()}
     * @throws IllegalArgumentException naming the bad value and what is allowed (a malformed address, a port or a TAP
     *         name in use, a missing capability); nothing is left open then
     */
    GuestConnection open(GuestPort port, Map<String, String> options);
}
