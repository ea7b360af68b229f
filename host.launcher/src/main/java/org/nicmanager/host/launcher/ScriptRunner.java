package org.nicmanager.host.launcher;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.nicmanager.kernel.api.shell.CommandConsole;

/**
 * Runs a Gogo script line by line through the host's {@link CommandConsole}: prints each command's result, stops at
 * the first failure and names the file, line and command on the error stream, followed by the console's answer (the
 * command's message, or its usage and what was wrong). Blank lines and lines starting with {@code #} are skipped;
 * a line ending in a backslash continues on the next.
 */
final class ScriptRunner {

    /** Runs some commands in its own way (e.g. an advance in steps); the result is printed as the command's. */
    interface CommandHook {

        /** @return the command's result, or empty when the hook leaves it to the shell */
        Optional<Object> run(String command) throws Exception;
    }

    static final int SUCCESS = 0;
    static final int FAILURE = 1;

    private final CommandConsole console;
    /** Formats what a hook returns, as the console formats a command's result. */
    private final CommandSession session;
    private final PrintStream out;
    private final PrintStream err;
    private final CommandHook hook;
    /**
     * The same input and answer streams for every line, so that the console runs them all in one Gogo session rather
     * than making one per line (issue 17).
     */
    private final InputStream noInput = InputStream.nullInputStream();
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private final PrintStream answerStream = new PrintStream(answer, true, StandardCharsets.UTF_8);
    /** The command running now and its number (from 1), for progress reports from another thread. */
    private volatile String currentCommand = "";
    private volatile int commandNumber;

    ScriptRunner(CommandConsole console, CommandSession session, PrintStream out, PrintStream err) {
        this(console, session, out, err, command -> Optional.empty());
    }

    ScriptRunner(CommandConsole console, CommandSession session, PrintStream out, PrintStream err, CommandHook hook) {
        this.console = console;
        this.session = session;
        this.out = out;
        this.err = err;
        this.hook = hook;
    }

    int run(String fileName, List<String> lines) {
        StringBuilder command = new StringBuilder();
        int firstLine = 0;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (command.length() == 0) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                firstLine = index + 1;
            }
            if (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            command.append(line);
            String text = command.toString().strip();
            command.setLength(0);
            commandNumber++;
            currentCommand = text;
            if (!execute(fileName, firstLine, text)) {
                return FAILURE;
            }
        }
        if (command.length() > 0) {
            err.println(fileName + ":" + firstLine + ": the script ends inside a continued line");
            return FAILURE;
        }
        return SUCCESS;
    }

    /** Commands in a script: lines that are not blank, not comments, and not continued from the line before. */
    static int countCommands(List<String> lines) {
        int commands = 0;
        boolean continued = false;
        for (String line : lines) {
            if (!continued && !line.isBlank() && !line.strip().startsWith("#")) {
                commands++;
            }
            continued = (continued || !line.isBlank() && !line.strip().startsWith("#")) && line.endsWith("\\");
        }
        return commands;
    }

    String currentCommand() {
        return currentCommand;
    }

    int commandNumber() {
        return commandNumber;
    }

    private boolean execute(String fileName, int lineNumber, String text) {
        try {
            Optional<Object> hooked = hook.run(text);
            if (hooked.isPresent()) {
                out.println(session.format(hooked.get(), Converter.INSPECT));
                out.flush();
                return true;
            }
        } catch (Exception failure) {
            out.flush();
            err.println(fileName + ":" + lineNumber + ": " + text);
            err.println("error: " + describe(failure));
            return false;
        }
        // The console's answer is held back so that the failing line's location comes before it.
        answer.reset();
        int status = console.execute(text, noInput, out, answerStream);
        answerStream.flush();
        out.flush();
        if (status != CommandConsole.SUCCESS) {
            err.println(fileName + ":" + lineNumber + ": " + text);
        }
        err.print(answer.toString(StandardCharsets.UTF_8));
        err.flush();
        return status == CommandConsole.SUCCESS;
    }

    /** The message a person needs: the exception's message, else its kind. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        return message;
    }
}
