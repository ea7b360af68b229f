package org.nicmanager.kernel.core.shell;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The ways to call one command, found as Gogo finds them: the public methods of the command's service named like its
 * function (or {@code get}, {@code set}, {@code is} and the function). It answers a wrong use with what was wrong and
 * the usage lines, derived from the methods' signatures and {@code @Descriptor}s.
 */
final class CommandUsage {

    /** A refused use: what was wrong, and the command's usage lines. */
    record Refusal(String command, String problem, List<String> usages) {

        /** The lines a console prints: the problem, then the usage. */
        List<String> lines() {
            return Stream.concat(Stream.of("error: " + command + ": " + problem),
                    usages.stream().map(usage -> "usage: " + usage)).toList();
        }
    }

    private final String command;
    private final List<CommandSignature> signatures;

    private CommandUsage(String command, List<CommandSignature> signatures) {
        this.command = command;
        this.signatures = signatures;
    }

    /**
     * @param command  the name as a person types it, {@code scope:function}
     * @param function the function, as registered in {@code osgi.command.function}
     * @param type     the command service's class
     */
    static CommandUsage of(String command, String function, Class<?> type) {
        String name = function.toLowerCase(Locale.ROOT);
        List<String> names = List.of(name, "_" + name, "get" + name, "set" + name, "is" + name);
        List<CommandSignature> signatures = Stream.of(type.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> names.contains(method.getName().toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt(Method::getParameterCount).thenComparing(Method::toString))
                .map(method -> CommandSignature.of(command, method)).toList();
        return new CommandUsage(command, signatures);
    }

    boolean isEmpty() {
        return signatures.isEmpty();
    }

    List<String> usages() {
        return signatures.stream().map(CommandSignature::usage).distinct().toList();
    }

    /**
     * @return why no way of calling the command takes {@code words}; empty when one does (or none is known)
     */
    Optional<Refusal> check(List<String> words) {
        if (signatures.isEmpty()) {
            return Optional.empty();
        }
        String closest = null;
        for (CommandSignature signature : signatures) {
            Optional<String> problem = signature.problem(words);
            if (problem.isEmpty()) {
                return Optional.empty();
            }
            // A bad value says more than a count that fits another way of calling: keep the first such problem.
            if (closest == null || CommandSignature.isCountProblem(closest)
                    && !CommandSignature.isCountProblem(problem.get())) {
                closest = problem.get();
            }
        }
        return Optional.of(new Refusal(command, closest, usages()));
    }

    /** The answer when Gogo refused the words in a way {@link #check} did not foresee. */
    Refusal doesNotFit() {
        return new Refusal(command, "the arguments do not fit", usages());
    }
}
