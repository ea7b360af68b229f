package org.nicmanager.kernel.core.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.names.NameSource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The host's one {@link NameDirectory}: the whiteboard of every {@link NameSource}. Each call reads the sources'
 * snapshots, which they publish by reference; while every source answers with the same list as last time, the index
 * built from them is reused, so a lookup costs no rebuild. It never enters the network world, so a shell thread
 * resolves a name without waiting for it.
 */
@Component(service = NameDirectory.class)
public final class NameDirectoryComponent implements NameDirectory {

    /** The snapshots an index was built from, compared by identity, and that index. */
    private record Built(List<List<NameEntry>> snapshots, NameIndex index) {

        boolean builtFrom(List<List<NameEntry>> current) {
            if (current.size() != snapshots.size()) {
                return false;
            }
            for (int i = 0; i < current.size(); i++) {
                if (current.get(i) != snapshots.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<NameSource> sources = new CopyOnWriteArrayList<>();

    /** The last index; replaced by reference, so concurrent readers each see a whole one. */
    private volatile Built built = new Built(List.of(), new NameIndex(List.of()));

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(NameSource source) {
        sources.add(source);
    }

    void removeSource(NameSource source) {
        sources.remove(source);
    }

    private NameIndex index() {
        List<List<NameEntry>> snapshots = new ArrayList<>();
        for (NameSource source : sources) {
            snapshots.add(source.names());
        }
        Built last = built;
        if (last.builtFrom(snapshots)) {
            return last.index();
        }
        Built fresh = new Built(snapshots, new NameIndex(snapshots));
        built = fresh;
        return fresh.index();
    }

    @Override
    public List<NameEntry> entries() {
        return index().entries();
    }

    @Override
    public List<NameEntry> named(String name) {
        return index().named(name);
    }

    @Override
    public Optional<NameEntry> owning(MacAddress mac) {
        return index().owning(mac);
    }

    @Override
    public NameEntry resolve(String role, String text, Set<NameKind> accepted) {
        return index().resolve(role, text, accepted);
    }

    @Override
    public String listing(Set<NameKind> kinds) {
        return index().listing(kinds);
    }
}
