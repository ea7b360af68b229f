package org.nicmanager.kernel.core.shell;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;

/**
 * One way to call a command, read from its method as Gogo's {@code help} reads it: the {@link Parameter} options
 * (with or without a value) and the positional arguments, each with its {@link Descriptor}. It gives the usage line
 * and says what is wrong with a list of words, with the rules Gogo applies when it calls the method: an option's name
 * is taken wherever it stands, with the next word as its value; the other words fill the positional arguments in
 * order, the last one taking the rest when it is an array.
 */
final class CommandSignature {

    /** An option: {@code --json} (a flag) or {@code --policy POLICY} (with a value). */
    record Option(List<String> names, boolean takesValue, Class<?> type, String description) {

        String placeholder() {
            return names.get(0).replaceFirst("^-+", "").toUpperCase(Locale.ROOT);
        }

        String usage() {
            return "[" + names.get(0) + (takesValue ? " " + placeholder() : "") + "]";
        }
    }

    /** A positional argument; a repeated one takes every word left. */
    record Positional(String name, Class<?> type, boolean repeated, String description) {

        String usage() {
            return repeated ? name + "..." : name;
        }
    }

    private final String command;
    private final String description;
    private final List<Option> options;
    private final List<Positional> positionals;

    CommandSignature(String command, String description, List<Option> options, List<Positional> positionals) {
        this.command = command;
        this.description = description;
        this.options = List.copyOf(options);
        this.positionals = List.copyOf(positionals);
    }

    /** Reads a command's method; {@code command} is its name as typed ({@code scope:function}). */
    static CommandSignature of(String command, Method method) {
        List<Option> options = new ArrayList<>();
        List<Positional> positionals = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        java.lang.reflect.Parameter[] parameters = method.getParameters();
        for (int index = 0; index < types.length; index++) {
            if (index == 0 && CommandSession.class.isAssignableFrom(types[0])) {
                continue; // Gogo passes the session itself
            }
            String text = describe(annotations[index]);
            Parameter option = find(annotations[index], Parameter.class);
            if (option != null) {
                options.add(new Option(List.of(option.names()), option.presentValue().equals(Parameter.UNSPECIFIED),
                        types[index], text));
            } else {
                boolean repeated = index == types.length - 1 && types[index].isArray();
                Class<?> type = repeated ? types[index].getComponentType() : types[index];
                positionals.add(new Positional(placeholder(parameters[index], index, repeated), type, repeated, text));
            }
        }
        Descriptor descriptor = method.getAnnotation(Descriptor.class);
        return new CommandSignature(command, descriptor == null ? "" : descriptor.value(), options, positionals);
    }

    /** {@code bond:create [--policy POLICY] [--json] NAME}. */
    String usage() {
        StringBuilder usage = new StringBuilder(command);
        options.forEach(option -> usage.append(' ').append(option.usage()));
        positionals.forEach(positional -> usage.append(' ').append(positional.usage()));
        return usage.toString();
    }

    String description() {
        return description;
    }

    List<Option> options() {
        return options;
    }

    List<Positional> positionals() {
        return positionals;
    }

    /** What is wrong with calling this way with {@code words}; empty when Gogo can call it with them. */
    Optional<String> problem(List<String> words) {
        List<String> given = new ArrayList<>();
        for (int index = 0; index < words.size(); index++) {
            String word = words.get(index);
            Optional<Option> option = option(word);
            if (option.isPresent()) {
                if (!option.get().takesValue()) {
                    continue;
                }
                if (index + 1 == words.size()) {
                    return Optional.of("option " + word + " needs a value" + about(option.get().description()));
                }
                String value = words.get(++index);
                Optional<String> bad = ValueCheck.problem(option.get().type(), value);
                if (bad.isPresent()) {
                    return Optional.of("bad " + word + " '" + value + "': " + bad.get());
                }
            } else if (looksLikeOption(word)) {
                return Optional.of("unknown option '" + word + "'; " + (options.isEmpty() ? "it takes no options"
                        : "options: " + options.stream().map(known -> known.names().get(0))
                                .collect(Collectors.joining(", "))));
            } else {
                given.add(word);
            }
        }
        return positionalProblem(given);
    }

    private Optional<String> positionalProblem(List<String> given) {
        int index = 0;
        for (Positional positional : positionals) {
            if (positional.repeated()) {
                for (; index < given.size(); index++) {
                    Optional<String> bad = ValueCheck.problem(positional.type(), given.get(index));
                    if (bad.isPresent()) {
                        return Optional.of("bad " + positional.name() + " '" + given.get(index) + "': " + bad.get());
                    }
                }
                return Optional.empty();
            }
            if (index == given.size()) {
                return Optional.of("missing " + positional.name() + about(positional.description()));
            }
            Optional<String> bad = ValueCheck.problem(positional.type(), given.get(index));
            if (bad.isPresent()) {
                return Optional.of("bad " + positional.name() + " '" + given.get(index) + "': " + bad.get());
            }
            index++;
        }
        if (index < given.size()) {
            List<String> extra = given.subList(index, given.size());
            return Optional.of("unexpected " + (extra.size() == 1 ? "word" : "words") + " '" + String.join(" ", extra)
                    + "': it takes " + (positionals.isEmpty() ? "no arguments besides its options"
                            : positionals.size() == 1 ? "one argument" : positionals.size() + " arguments"));
        }
        return Optional.empty();
    }

    /** True when the problem is the number of words, not one word's value. */
    static boolean isCountProblem(String problem) {
        return problem.startsWith("missing ") || problem.startsWith("unexpected ");
    }

    private Optional<Option> option(String word) {
        return options.stream().filter(option -> option.names().contains(word)).findFirst();
    }

    /** {@code --name}: an option's shape. A single dash is left alone: it may be a negative number. */
    static boolean looksLikeOption(String word) {
        return word.length() > 2 && word.startsWith("--") && Character.isLetter(word.charAt(2));
    }

    private static String about(String description) {
        return description.isEmpty() ? "" : " (" + description + ")";
    }

    /** {@code switchName} gives {@code SWITCH-NAME}; a repeated {@code nics} gives {@code NIC}. */
    private static String placeholder(java.lang.reflect.Parameter parameter, int index, boolean repeated) {
        if (!parameter.isNamePresent()) {
            return "ARG" + (index + 1);
        }
        String name = parameter.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toUpperCase(Locale.ROOT);
        if (repeated && name.length() > 3 && name.endsWith("S")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static String describe(Annotation[] annotations) {
        Descriptor descriptor = find(annotations, Descriptor.class);
        return descriptor == null ? "" : descriptor.value();
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }
}
