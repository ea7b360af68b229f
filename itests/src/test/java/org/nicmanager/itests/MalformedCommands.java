package org.nicmanager.itests;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.felix.service.command.Parameter;

/**
 * A seeded generator of malformed command lines over a real vocabulary: wrong numbers of words, options without
 * their values, numbers out of range, long and non-ASCII names, unknown options and garbage tokens. Each line is one
 * of the vocabulary's commands with words drawn from these pools and from the command's own option names.
 */
final class MalformedCommands {

    /** What a command accepts as options: each name, and whether it takes a value. */
    record Vocabulary(SortedMap<String, Map<String, Boolean>> optionsByCommand) {

        /** Reads a command's options from its service's methods, as Gogo does ({@code @Parameter}). */
        static void addCommand(SortedMap<String, Map<String, Boolean>> into, String command, String function,
                Class<?> type) {
            Map<String, Boolean> options = into.computeIfAbsent(command, name -> new TreeMap<>());
            for (Method method : type.getMethods()) {
                if (!method.getName().toLowerCase(Locale.ROOT).equals(function.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (Annotation[] annotations : method.getParameterAnnotations()) {
                    for (Annotation annotation : annotations) {
                        if (annotation instanceof Parameter option) {
                            for (String name : option.names()) {
                                options.put(name, option.presentValue().equals(Parameter.UNSPECIFIED));
                            }
                        }
                    }
                }
            }
        }
    }

    /** Words a command could mean: sub-commands, plausible names, values. */
    private static final List<String> PLAUSIBLE = List.of("add", "remove", "stats", "show", "list", "stop", "on",
            "off", "sw1", "vm1", "nic0", "bond0", "h1", "web", "vmnic0", "round-robin", "1500", "1ms", "10Mbps",
            "udp", "5", "0", "hardware", "active");
    /** Values out of every range: numbers too big for an int or a long, negatives, numbers that are not numbers. */
    private static final List<String> OUT_OF_RANGE = List.of("99999999999", "2147483648", "-2147483649",
            "99999999999999999999", "-1", "1e400", "NaN", "-0", "0x10", "11", "1.5", "-5ms", "1e3Gbps", "9999999h");
    /** Names no command allows: too long, or outside the ASCII the names are limited to. */
    private static final List<String> BAD_NAMES = List.of("é", "ünïcödé", "名前", "vm🙂", "Ω", "a".repeat(300),
            "x".repeat(33), "-name", ".", "a b");
    private static final List<String> UNKNOWN_OPTIONS = List.of("--frob", "--json=1", "--", "-x", "--JSON",
            "--policy", "--for", "--rate");
    /**
     * Words Gogo's parser reads as syntax or odd values. Left out: "exit", which would end a session, and the
     * redirections '>' and '<', which would write and read files here, and '&', which would run a job in the
     * background.
     */
    private static final List<String> GARBAGE = List.of("''", "%ZZ", "@@", "{", "}", "(", ")", "[", "]", "|", ";",
            "$x", "\"unterminated", "'open", "#", "*", "?", "..", "/", "a=b", "=", "\\", "\t", "\u0000", "~",
            "`", "$", "\"\"");

    private final Random random;
    private final List<String> commands;
    private final SortedMap<String, Map<String, Boolean>> options;

    MalformedCommands(long seed, Vocabulary vocabulary) {
        this.random = new Random(seed);
        this.options = vocabulary.optionsByCommand();
        this.commands = new ArrayList<>(options.keySet());
    }

    List<String> commands() {
        return commands;
    }

    /** The next malformed line. */
    String next() {
        String command = commands.get(random.nextInt(commands.size()));
        List<String> ownOptions = new ArrayList<>(options.get(command).keySet());
        List<String> words = new ArrayList<>();
        words.add(command);
        int count = random.nextInt(7);
        for (int index = 0; index < count; index++) {
            words.add(word(ownOptions));
        }
        // Every kind is sure to come up: an option left without its value at the end, when the command has one.
        if (!ownOptions.isEmpty() && random.nextInt(5) == 0) {
            List<String> withValue = ownOptions.stream().filter(name -> options.get(command).get(name)).toList();
            if (!withValue.isEmpty()) {
                words.add(pick(withValue));
            }
        }
        return String.join(" ", words);
    }

    private String word(List<String> ownOptions) {
        switch (random.nextInt(7)) {
            case 0:
                return ownOptions.isEmpty() ? pick(UNKNOWN_OPTIONS) : pick(ownOptions);
            case 1:
                return pick(OUT_OF_RANGE);
            case 2:
                return pick(BAD_NAMES);
            case 3:
                return pick(UNKNOWN_OPTIONS);
            case 4:
                return pick(GARBAGE);
            default:
                return pick(PLAUSIBLE);
        }
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
