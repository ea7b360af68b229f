package org.nicmanager.kernel.core.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of simple command lines, as Gogo would pass them: split at blanks, with {@code '...'} and
 * {@code "..."} quoting, and into statements at pipes and semicolons. A line that uses more of Gogo's syntax
 * (closures, variables, assignments, redirections) is not simple: it is left to Gogo whole.
 */
final class CommandWords {

    private static final String SYNTAX = "&{}()[]$<>`\\";

    private CommandWords() {
    }

    /** @return the words, the command first; empty for a blank or not simple line, or one of several statements */
    static Optional<List<String>> of(String line) {
        return statements(line).filter(statements -> statements.size() == 1).map(statements -> statements.get(0));
    }

    /**
     * The statements of a line of simple commands joined by pipes ({@code |}) or in sequence ({@code ;}), each as its
     * words, the command first.
     *
     * @return empty for a blank line, an empty statement, or a line with other syntax
     */
    static Optional<List<List<String>>> statements(String line) {
        List<List<String>> statements = new ArrayList<>();
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
            } else if (Character.isWhitespace(c) || c == '|' || c == ';') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '|' || c == ';') {
                    if (!isStatement(words)) {
                        return Optional.empty();
                    }
                    statements.add(words);
                    words = new ArrayList<>();
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
        if (!isStatement(words)) {
            return Optional.empty();
        }
        statements.add(words);
        return Optional.of(statements);
    }

    /** A command and its words; not an assignment. */
    private static boolean isStatement(List<String> words) {
        return !words.isEmpty() && !words.get(0).contains("=") && !(words.size() > 1 && words.get(1).equals("="));
    }

    /**
     * The variables a line reads ({@code $name}, {@code ${name}}), outside single quotes; none for a line with a
     * closure, whose own variables ({@code $it}, {@code $args}) exist only when it runs.
     */
    static List<String> variables(String line) {
        List<String> names = new ArrayList<>();
        if (line.indexOf('{') >= 0 && !line.contains("${")) {
            return names;
        }
        boolean quoted = false;
        for (int index = 0; index < line.length(); index++) {
            char c = line.charAt(index);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '$' && !quoted) {
                int start = index + 1 < line.length() && line.charAt(index + 1) == '{' ? index + 2 : index + 1;
                int end = start;
                while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
                    end++;
                }
                if (end > start) {
                    names.add(line.substring(start, end));
                }
            }
        }
        return names;
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
