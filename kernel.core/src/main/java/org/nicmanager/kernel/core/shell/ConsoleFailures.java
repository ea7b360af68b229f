package org.nicmanager.kernel.core.shell;

import java.io.EOFException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.osgi.service.log.Logger;

/**
 * Turns a failed command line into what a person reads: the command's own message for a refusal, the command's usage
 * for arguments the shell could not fit, and never the shell's internal wording or a stack trace. A failure that is a
 * bug (a {@link NullPointerException}, say) is reported in one line and logged with its stack trace.
 */
final class ConsoleFailures {

    /** Gogo's text when no method of a command takes the arguments: {@code Cannot coerce add(Token, Token) to ...}. */
    private static final Pattern COERCION = Pattern.compile("Cannot coerce ([^(\\s]*)\\(");

    /** Gogo's text for a name that is no command. */
    private static final Pattern NOT_FOUND = Pattern.compile("Command not found: (.*)");
    /**
     * Runtime exceptions that only a bug throws, by simple name (a failure printed by Gogo is known by no more). Every
     * other exception is a command's refusal, whose message is written for people.
     */
    private static final Set<String> BUGS = Set.of("NullPointerException", "ClassCastException",
            "IndexOutOfBoundsException", "ArrayIndexOutOfBoundsException", "StringIndexOutOfBoundsException",
            "ArithmeticException", "ConcurrentModificationException", "NegativeArraySizeException",
            "ArrayStoreException");

    private final CommandFinder finder;
    private final Logger logger;

    ConsoleFailures(CommandFinder finder, Logger logger) {
        this.finder = finder;
        this.logger = logger;
    }

    List<String> explain(String line, Exception failure) {
        String message = failure.getMessage();
        if (failure instanceof CommandNotFoundException notFound) {
            return List.of(unknownCommand(notFound.getCommand()));
        }
        if (failure instanceof SyntaxError || failure instanceof EOFException) {
            return List.of("error: cannot read the line: " + message + "; quote a word that holds one of"
                    + " | ; & { } ( ) [ ] $ < > with '...'");
        }
        if (message != null && message.contains("Cannot coerce")) {
            return notFitting(line, message);
        }
        if (isRefusal(failure)) {
            return List.of("error: " + (message == null || message.isBlank() ? commandOf(line) + " failed ("
                    + failure.getClass().getSimpleName() + ")" : message));
        }
        logger.error("'{}' failed with an internal error", printable(line), failure);
        return List.of("error: " + commandOf(line) + " failed: an internal error ("
                + failure.getClass().getSimpleName() + "); the log has the details");
    }

    /**
     * The answer for a failure Gogo printed itself instead of throwing (a command before the end of a pipeline): only
     * the exception's simple class name and its message are known.
     */
    List<String> explainPrinted(String line, String exceptionName, String message) {
        if (message.contains("Cannot coerce")) {
            return notFitting(line, message);
        }
        Matcher notFound = NOT_FOUND.matcher(message);
        if (notFound.matches()) {
            return List.of(unknownCommand(notFound.group(1)));
        }
        if (!BUGS.contains(exceptionName) && !exceptionName.endsWith("Error")) {
            return List.of("error: " + message);
        }
        logger.error("'{}' failed with an internal error in a pipeline: {}: {}", printable(line), exceptionName,
                printable(message));
        return List.of("error: " + commandOf(line) + " failed: an internal error (" + exceptionName
                + "); the log has the details");
    }

    private static boolean isRefusal(Exception failure) {
        return !BUGS.contains(failure.getClass().getSimpleName());
    }

    /** Gogo found no method that takes the words: answer with the usage of the command it named. */
    private List<String> notFitting(String line, String message) {
        Matcher coercion = COERCION.matcher(message);
        String function = coercion.find() ? coercion.group(1) : "";
        Optional<String> typed = CommandWords.firstWords(line).stream()
                .filter(word -> word.substring(word.indexOf(':') + 1).equalsIgnoreCase(function)).findFirst();
        Optional<CommandUsage> usage = typed.flatMap(finder::find).filter(found -> !found.isEmpty());
        if (usage.isPresent()) {
            return usage.get().doesNotFit().lines();
        }
        String name = typed.orElse(function.isEmpty() ? commandOf(line) : function);
        return List.of("error: " + name + ": the arguments do not fit; 'help " + name + "' shows its use");
    }

    /** Names the commands of the scope typed, when it exists: {@code kernel:nope} is answered with kernel's. */
    private String unknownCommand(String name) {
        int colon = name.indexOf(':');
        SortedSet<String> functions = colon > 0 ? finder.functions(name.substring(0, colon)) : new TreeSet<>();
        return "error: unknown command '" + name + "'; " + (functions.isEmpty() ? "'help' lists the commands"
                : name.substring(0, colon + 1) + " has " + String.join(", ", functions));
    }

    /** What was typed, safe to log: a control character could forge a log line. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String commandOf(String line) {
        List<String> first = CommandWords.firstWords(line);
        return first.isEmpty() ? "the command" : first.get(0);
    }
}
