package org.nicmanager.kernel.core.shell;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Finds the command service a name stands for, as Gogo does: by its {@code osgi.command.scope} and
 * {@code osgi.command.function} properties; a name without a scope matches the function in any scope.
 */
final class CommandFinder {

    private final BundleContext context;
    /**
     * What {@link #find} answered, until a command service comes, changes or goes: searching every service and reading
     * the command's methods for each line was most of a short command's cost (issue 17: 30,000 lines for 10,000 VMs).
     */
    private final Map<String, Optional<CommandUsage>> found = new ConcurrentHashMap<>();
    /** Bumped on each change of a command service, so that an answer made across a change is not kept. */
    private final AtomicLong changes = new AtomicLong();
    private final ServiceListener forget = event -> {
        changes.incrementAndGet();
        found.clear();
    };

    CommandFinder(BundleContext context) {
        this.context = context;
        try {
            context.addServiceListener(forget, "(" + CommandProcessor.COMMAND_FUNCTION + "=*)");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException("the filter for command services is malformed", impossible);
        }
    }

    /** Stops following command services. */
    void close() {
        context.removeServiceListener(forget);
    }

    /** @return the command's ways of calling it; empty when no command service has that name */
    Optional<CommandUsage> find(String name) {
        Optional<CommandUsage> known = found.get(name);
        if (known != null) {
            return known;
        }
        long before = changes.get();
        Optional<CommandUsage> usage = search(name);
        if (changes.get() == before) {
            found.put(name, usage);
            if (changes.get() != before) {
                found.remove(name); // a change came while it was put: the next call searches again
            }
        }
        return usage;
    }

    private Optional<CommandUsage> search(String name) {
        int colon = name.indexOf(':');
        String scope = colon < 0 ? null : name.substring(0, colon);
        String function = name.substring(colon + 1);
        if (function.isEmpty() || !isPlainName(function) || scope != null && !isPlainName(scope)) {
            return Optional.empty();
        }
        String filter = "(" + CommandProcessor.COMMAND_FUNCTION + "=" + function + ")";
        if (scope != null) {
            filter = "(&(" + CommandProcessor.COMMAND_SCOPE + "=" + scope + ")" + filter + ")";
        }
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences((String) null, filter);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException("filter " + filter + " from a checked name", impossible);
        }
        if (references == null) {
            return Optional.empty();
        }
        ServiceReference<?> reference = Arrays.stream(references).sorted().reduce((first, second) -> second)
                .orElseThrow(); // the highest ranking, as the framework's getServiceReference picks
        Object service = context.getService(reference);
        if (service == null) {
            return Optional.empty();
        }
        try {
            String shown = String.valueOf(reference.getProperty(CommandProcessor.COMMAND_SCOPE)) + ":" + function;
            return Optional.of(CommandUsage.of(shown, function, service.getClass()));
        } finally {
            context.ungetService(reference);
        }
    }

    /** @return the functions registered in {@code scope}, sorted; empty for an unknown scope */
    SortedSet<String> functions(String scope) {
        SortedSet<String> functions = new TreeSet<>();
        if (!isPlainName(scope)) {
            return functions;
        }
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences((String) null,
                    "(" + CommandProcessor.COMMAND_SCOPE + "=" + scope + ")");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException("a filter from a checked scope", impossible);
        }
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Object function = reference.getProperty(CommandProcessor.COMMAND_FUNCTION);
            if (function instanceof String[] several) {
                functions.addAll(Arrays.asList(several));
            } else if (function != null) {
                functions.add(function.toString());
            }
        }
        return functions;
    }

    /** Only letters, digits, '-' and '_' reach a filter: nothing a filter would read as syntax. */
    private static boolean isPlainName(String text) {
        return text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }
}
