package org.nicmanager.kernel.core.names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;

/**
 * One immutable index of every source's names: by name, by MAC and by kind. Built whenever a source's snapshot changes,
 * then read by any thread without locks.
 *
 * <p>The same name of the same kind from two sources is one thing seen twice (a simulated card is also a NIC of the
 * kernel's inventory), so their MACs and owners are merged. The same name of different kinds is kept as two entries,
 * and resolving it asks which one is meant.
 */
final class NameIndex {

    /** Names a refusal lists per kind before it says how many more there are. */
    static final int LISTED_PER_KIND = 8;
    private static final String MAC_EXAMPLE = "02:00:00:00:00:01";
    /** The forms {@link MacAddress#parse} reads: six hex octets split by colons or dashes. */
    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}([:-]\\p{XDigit}{2}){5}");

    private final List<NameEntry> entries;
    private final Map<String, List<NameEntry>> byName;
    private final Map<Long, NameEntry> byMac;

    NameIndex(Collection<List<NameEntry>> contributions) {
        Map<String, Map<NameKind, NameEntry>> merged = new TreeMap<>();
        for (List<NameEntry> contribution : contributions) {
            for (NameEntry entry : contribution) {
                merged.computeIfAbsent(entry.name(), name -> new LinkedHashMap<>()).merge(entry.kind(), entry,
                        NameIndex::merge);
            }
        }
        List<NameEntry> all = new ArrayList<>();
        Map<String, List<NameEntry>> names = new HashMap<>();
        merged.forEach((name, kinds) -> {
            names.put(name, List.copyOf(kinds.values()));
            all.addAll(kinds.values());
        });
        all.sort(Comparator.comparing(NameEntry::kind).thenComparing(NameEntry::name));
        this.entries = List.copyOf(all);
        this.byName = Map.copyOf(names);
        Map<Long, NameEntry> macs = new HashMap<>();
        // A VM claims its virtual NICs' MACs only where no virtual NIC does: the finer entry wins.
        all.stream().sorted(Comparator.comparing((NameEntry entry) -> entry.kind() == NameKind.VM))
                .forEach(entry -> entry.macs().forEach(mac -> macs.putIfAbsent(mac.bits(), entry)));
        this.byMac = Map.copyOf(macs);
    }

    private static NameEntry merge(NameEntry first, NameEntry second) {
        Set<MacAddress> macs = new LinkedHashSet<>(first.macs());
        macs.addAll(second.macs());
        String owner = first.ownedBy(second.owner()) ? first.owner() : first.owner() + ", " + second.owner();
        return new NameEntry(first.name(), first.kind(), List.copyOf(macs), owner,
                first.within().isEmpty() ? second.within() : first.within());
    }

    List<NameEntry> entries() {
        return entries;
    }

    List<NameEntry> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    Optional<NameEntry> owning(MacAddress mac) {
        return Optional.ofNullable(byMac.get(mac.bits()));
    }

    NameEntry resolve(String role, String text, Set<NameKind> accepted) {
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("no kind of name accepted for " + role);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no " + role + " given: " + expected(accepted) + "; " + listing(
                    accepted));
        }
        List<NameEntry> same = named(text);
        List<NameEntry> fitting = same.stream().filter(entry -> accepted.contains(entry.kind())).toList();
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        if (fitting.size() > 1) {
            throw new IllegalArgumentException(role + " '" + text + "' names " + fitting.size() + " things: "
                    + fitting.stream().map(NameIndex::described).collect(Collectors.joining(", "))
                    + "; give the MAC of the one you mean");
        }
        if (!same.isEmpty()) {
            throw new IllegalArgumentException(role + " '" + text + "' is " + same.stream().map(
                    NameIndex::article).collect(Collectors.joining(" and ")) + ", but " + role + " takes "
                    + expected(accepted) + "; " + listing(accepted));
        }
        MacAddress mac = macOrNull(role, text, accepted);
        if (mac == null) {
            throw new IllegalArgumentException("unknown " + role + " '" + text + "': " + expected(accepted) + "; "
                    + listing(accepted));
        }
        NameEntry owner = byMac.get(mac.bits());
        if (owner == null && accepted.contains(NameKind.ADDRESS)) {
            return new NameEntry(mac.toString(), NameKind.ADDRESS, List.of(mac), "");
        }
        if (owner == null) {
            throw new IllegalArgumentException("no one here has MAC " + mac + " (" + role + "): " + expected(accepted)
                    + "; " + listing(accepted));
        }
        if (accepted.contains(owner.kind())) {
            return owner;
        }
        throw new IllegalArgumentException(role + " '" + text + "' is the MAC of " + article(owner) + ", but " + role
                + " takes " + expected(accepted) + "; " + listing(accepted));
    }

    /** Names grouped by kind, at most {@link #LISTED_PER_KIND} each; {@code (none)} when no kind has any. */
    String listing(Set<NameKind> kinds) {
        Map<NameKind, List<String>> grouped = new TreeMap<>();
        for (NameEntry entry : entries) {
            if (kinds.contains(entry.kind())) {
                grouped.computeIfAbsent(entry.kind(), kind -> new ArrayList<>()).add(entry.name());
            }
        }
        if (grouped.isEmpty()) {
            return "there are no " + kinds.stream().filter(kind -> kind != NameKind.ADDRESS).map(NameKind::plural)
                    .collect(Collectors.joining(", ")) + " yet";
        }
        List<String> groups = new ArrayList<>();
        grouped.forEach((kind, names) -> {
            String shown = String.join(", ", names.subList(0, Math.min(LISTED_PER_KIND, names.size())));
            int more = names.size() - LISTED_PER_KIND;
            groups.add(kind.plural() + ": " + shown + (more > 0 ? " and " + more + " more" : ""));
        });
        return String.join("; ", groups);
    }

    /** E.g. {@code the name of a VM, a vNIC or a host, or a MAC like 02:00:00:00:00:01}. */
    static String expected(Set<NameKind> accepted) {
        String names = kindNames(accepted);
        String macs = accepted.contains(NameKind.ADDRESS) ? "a MAC like " + MAC_EXAMPLE : "the MAC of one of them";
        return names.isEmpty() ? macs : names + ", or " + macs;
    }

    /** E.g. {@code the name of a VM, a vNIC or a host}; empty when only unclaimed MACs are accepted. */
    private static String kindNames(Set<NameKind> accepted) {
        List<String> kinds = EnumSet.copyOf(accepted).stream().filter(kind -> kind != NameKind.ADDRESS)
                .map(NameIndex::singular).toList();
        return kinds.isEmpty() ? "" : "the name of " + joined(kinds);
    }

    private static String joined(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String singular(NameKind kind) {
        return switch (kind) {
            case VM -> "a VM";
            case VNIC -> "a vNIC";
            case HOST -> "a host";
            case NIC -> "a NIC";
            case SWITCH -> "a switch";
            case REMOTE_HOST -> "a remote host";
            default -> "a " + kind.name().toLowerCase().replace('_', ' ');
        };
    }

    private static String article(NameEntry entry) {
        return singular(entry.kind()) + (entry.within().isEmpty() ? "" : " of " + entry.within());
    }

    private static String described(NameEntry entry) {
        return singular(entry.kind()).substring(2) + " " + entry.name() + (entry.macs().isEmpty() ? ""
                : " (" + entry.macs().get(0) + ")");
    }

    /**
     * The MAC that {@code text} spells, or null when it is no MAC. No name holds a colon, so a word with one was meant as
     * a MAC, and a malformed one is refused as such.
     */
    private MacAddress macOrNull(String role, String text, Set<NameKind> accepted) {
        if (MAC.matcher(text.trim()).matches()) {
            return MacAddress.parse(text);
        }
        if (text.indexOf(':') >= 0) {
            throw new IllegalArgumentException("bad MAC '" + text + "' for " + role + ": expected six hex octets like "
                    + MAC_EXAMPLE + ", or " + kindNames(accepted) + "; " + listing(accepted));
        }
        return null;
    }
}
