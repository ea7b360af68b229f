package org.nicmanager.kernel.core.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of a simple command line, as Gogo would pass them: split at blanks, with {@code '...'} and
 * {@code "..."} quoting. A line that uses Gogo's own syntax (pipes, sequences, closures, variables, assignments,
 * redirections) is not simple: it is left to Gogo whole.
 */
final class CommandWords {

    private static final String SYNTAX = "|;&{}()[]$<>`\\";

    private CommandWords() {
    }

    /** @return the words, the command first; empty for a blank or not simple line */
    static Optional<List<String>> of(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int index = 0; index < line.length(); index++) {
            char c = line.charAt(index);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (SYNTAX.indexOf(c) >= 0) {
                return Optional.empty();
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            return Optional.empty(); // Gogo names the missing quote itself
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty() || words.get(0).contains("=") || words.size() > 1 && words.get(1).equals("=")) {
            return Optional.empty();
        }
        return Optional.of(words);
    }

    /** The first word of each statement of any line, roughly: enough to name the commands it calls. */
    static List<String> firstWords(String line) {
        List<String> first = new ArrayList<>();
        for (String statement : line.split("[|;{}()\\[\\]]")) {
            String stripped = statement.strip();
            if (!stripped.isEmpty()) {
                first.add(stripped.split("\\s+", 2)[0]);
            }
        }
        return first;
    }
}
