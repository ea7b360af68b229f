package org.nicmanager.vmm.devices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.nicmanager.kernel.api.vnic.backend.VnicBackend;

/**
 * The device back ends offered now, by name: the built-in simulated guest and the {@link VnicBackend} services on the
 * whiteboard. Services come and go on DS threads and the world reads it: every method is synchronized (control path
 * only). Two services of one name are one back end: the earlier serves, the other stands in when it leaves.
 */
final class BackendCatalog {

    private final VnicBackend builtIn;
    private final Map<String, List<VnicBackend>> byName = new LinkedHashMap<>();

    BackendCatalog(VnicBackend builtIn) {
        this.builtIn = builtIn;
    }

    synchronized void add(VnicBackend backend) {
        byName.computeIfAbsent(backend.name(), name -> new ArrayList<>()).add(backend);
    }

    /** A service left; another service of its name, if any, serves it from now on. */
    synchronized void remove(VnicBackend backend) {
        List<VnicBackend> offers = byName.get(backend.name());
        if (offers != null) {
            offers.remove(backend);
            if (offers.isEmpty()) {
                byName.remove(backend.name());
            }
        }
    }

    synchronized Optional<VnicBackend> find(String name) {
        if (builtIn.name().equals(name)) {
            return Optional.of(builtIn);
        }
        List<VnicBackend> offers = byName.get(name);
        return offers == null ? Optional.empty() : Optional.of(offers.get(0));
    }

    /**
     * The back end of that name, checked against the options given.
     *
     * @throws IllegalArgumentException for a name no one offers (listing the names registered) or an option the back
     *         end does not take (listing the ones it takes)
     */
    synchronized VnicBackend require(String name, Map<String, String> options) {
        VnicBackend backend = find(name).orElseThrow(() -> new IllegalArgumentException("unknown back end '" + name
                + "'; registered: " + String.join(", ", names())));
        for (String option : options.keySet()) {
            if (!backend.options().contains(option)) {
                throw new IllegalArgumentException("back end " + name + " takes no --" + option + "; it takes: "
                        + (backend.options().isEmpty() ? "no options"
                                : String.join(", ", backend.options().stream().sorted().map(o -> "--" + o).toList())));
            }
        }
        return backend;
    }

    /** The built-in name first, then the others by name. */
    synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(builtIn.name());
        new TreeSet<>(byName.keySet()).stream().filter(name -> !name.equals(builtIn.name())).forEach(names::add);
        return names;
    }
}
