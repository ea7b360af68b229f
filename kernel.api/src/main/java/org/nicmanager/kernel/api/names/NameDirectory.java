package org.nicmanager.kernel.api.names;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Every name of the host, from all {@link NameSource}s: resolves a name or a MAC to what it stands for. Callable from
 * any thread; it never waits for the network world.
 */
@ProviderType
public interface NameDirectory {

    /** Every entry now, by kind (in {@link NameKind} order) and then by name. */
    List<NameEntry> entries();

    /** The entries of that name: one, or more when different kinds share it (a VM and a host both called a). */
    List<NameEntry> named(String name);

    /** The entry that claims {@code mac}: a virtual NIC before its VM, a NIC or a host. */
    Optional<NameEntry> owning(MacAddress mac);

    /**
     * Resolves a command's word to one entry of the {@code accepted} kinds: a name first, then a MAC such as
     * {@code 02:00:00:00:00:01}, which gives its owner, or, when no one claims it and {@link NameKind#ADDRESS} is
     * accepted, an entry of that kind.
     *
     * @param role what the word is in the command, for the refusal, e.g. {@code --to} or {@code TARGET}
     * @throws IllegalArgumentException when the word names nothing accepted, or more than one thing: the message names
     *         the word and lists the names that exist, grouped by kind
     */
    NameEntry resolve(String role, String text, Set<NameKind> accepted);

    /**
     * The names of those kinds, grouped by kind on one line, at most a few per kind and then how many more, e.g.
     * {@code VMs: vm1, vm2; hosts: h1 (and 3 more)}; {@code (none)} when there are none.
     */
    String listing(Set<NameKind> kinds);
}
