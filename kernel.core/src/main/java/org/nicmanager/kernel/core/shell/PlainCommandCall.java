package org.nicmanager.kernel.core.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.threadio.ThreadIO;

/**
 * Runs a plain command line, one command and plain words, through Gogo's function for the command on the caller's
 * thread. Gogo runs each line as a job: a parse, a thread for the job and one for its pipe (each renamed after the
 * command), new print streams, and an event for the command's start. For a script that makes 10,000 VMs (30,000
 * lines) that machinery cost more CPU than the commands did (issue 17). What the command sees is what Gogo gives it:
 * the same function ({@code session.get(name)}, which also finds a closure assigned to the name), the words as
 * strings (as Gogo hands a word to a method) and, through {@link ThreadIO}, the console's streams as its
 * {@code System.out} and {@code System.err}. Its exception is the one Gogo would throw.
 *
 * <p>Every other line is Gogo's: quotes, variables, globs, pipes, closures and other syntax, a word that Gogo reads as
 * something else (a number, {@code true}, a home directory), a name without a scope, and Gogo's own commands (scope
 * {@value #GOGO_SCOPE}), which may use the job.
 */
final class PlainCommandCall {

    /** Besides letters and digits, the only characters of a plain word: none means anything to Gogo's parser. */
    private static final String PLAIN = "-_.,:/+@";
    /** The scope of Gogo's own commands (echo, grep, each, ...), which may use their job's streams. */
    private static final String GOGO_SCOPE = "gogo";

    private final ThreadIO threadIO;

    PlainCommandCall(ThreadIO threadIO) {
        this.threadIO = threadIO;
    }

    /**
     * The line's words, the command first, when every word is plain and the command's name is scoped
     * ({@code scope:function}) in a scope other than Gogo's; else empty.
     */
    static Optional<List<String>> plainWords(String line) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int index = 0; index <= line.length(); index++) {
            char c = index < line.length() ? line.charAt(index) : ' ';
            if (c == ' ' || c == '\t') {
                if (start >= 0) {
                    words.add(line.substring(start, index));
                    start = -1;
                }
            } else if (c < 128 && (Character.isLetterOrDigit(c) || PLAIN.indexOf(c) >= 0)) {
                if (start < 0) {
                    start = index;
                }
            } else {
                return Optional.empty();
            }
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String command = words.get(0);
        int colon = command.indexOf(':');
        boolean scoped = colon > 0 && colon < command.length() - 1 && command.indexOf(':', colon + 1) < 0;
        return scoped && !command.substring(0, colon).equals(GOGO_SCOPE) ? Optional.of(words) : Optional.empty();
    }

    /** The function Gogo would call for this name in this session, or empty when it is not a function. */
    static Optional<Function> function(CommandSession session, String name) {
        return session.get(name) instanceof Function function ? Optional.of(function) : Optional.empty();
    }

    /** Calls the function with the words after the command, as Gogo's statement would. */
    Object call(Function function, CommandSession session, List<String> words, InputStream in, PrintStream out,
            PrintStream err) throws Exception {
        threadIO.setStreams(in, out, err);
        try {
            return function.execute(session, new ArrayList<>(words.subList(1, words.size())));
        } finally {
            threadIO.close();
        }
    }
}
