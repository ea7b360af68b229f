package org.nicmanager.kernel.core.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.threadio.ThreadIO;
import org.nicmanager.kernel.api.shell.CommandConsole;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The host's command line on Gogo's {@link CommandProcessor}. A line is checked first against the signatures of the
 * command it names ({@link CommandUsage}), so a wrong use is answered with what was wrong and the command's usage
 * before anything runs; Gogo then runs it, and its result is printed as Gogo's shell prints it (through the
 * {@link ShellFormatter} and the other converters). A plain line (one command and plain words) is called through Gogo's
 * function for the command on this thread, without a job ({@link PlainCommandCall}). Input is read as UTF-8.
 */
@Component(service = CommandConsole.class)
public final class GogoCommandConsole implements CommandConsole {

    /** The session variable holding the last result, as in Gogo's shell. */
    private static final String LAST_RESULT = "_";
    private static final String EXIT = "exit";

    private final CommandProcessor processor;
    private final CommandFinder finder;
    private final ConsoleFailures failures;
    private final SessionKeeper sessions;
    private final PlainCommandCall plainCalls;

    @Activate
    public GogoCommandConsole(BundleContext context, @Reference CommandProcessor processor,
            @Reference ThreadIO threadIO, @Reference(service = LoggerFactory.class) Logger logger) {
        this.processor = processor;
        this.plainCalls = new PlainCommandCall(threadIO);
        this.finder = new CommandFinder(context);
        this.failures = new ConsoleFailures(finder, logger);
        this.sessions = new SessionKeeper(processor, current -> (name, message) -> failures.explainPrinted(
                current.get(), name, message));
    }

    /** Runs the line in the session kept from the last call with the same streams (a script's previous line). */
    @Override
    public int execute(String commandLine, InputStream in, PrintStream out, PrintStream err) {
        String line = commandLine.strip();
        SessionKeeper.Kept kept = sessions.acquire(in, out, err, line);
        try {
            return run(kept.session, line, in, out, err);
        } finally {
            sessions.release(kept);
        }
    }

    @Deactivate
    void deactivate() {
        sessions.retire();
        finder.close();
    }

    @Override
    public int interact(InputStream in, PrintStream out, PrintStream err, String prompt) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int status = SUCCESS;
        AtomicReference<String> current = new AtomicReference<>("");
        try (PrintStream sessionErr = PipeErrorFilter.over(err, (name, message) -> failures.explainPrinted(
                current.get(), name, message)); CommandSession session = processor.createSession(in, out, sessionErr)) {
            while (true) {
                if (prompt != null) {
                    out.print(prompt);
                    out.flush();
                }
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                line = line.strip();
                if (line.equals(EXIT)) {
                    break;
                }
                if (!line.isEmpty()) {
                    current.set(line);
                    status = run(session, line, in, out, err);
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the console's input could not be read", unreadable);
        }
        return status;
    }

    private int run(CommandSession session, String line, InputStream in, PrintStream out, PrintStream err) {
        Optional<CommandUsage.Refusal> refusal = check(line);
        if (refusal.isPresent()) {
            print(err, refusal.get().lines());
            return FAILURE;
        }
        Optional<String> unset = CommandWords.variables(line).stream().filter(name -> session.get(name) == null)
                .findFirst();
        if (unset.isPresent()) {
            // Gogo would pass null for it, which no command expects.
            print(err, List.of("error: $" + unset.get() + " is not set; quote a '$' that is part of a word"));
            return FAILURE;
        }
        try {
            Object result = execute(session, line, in, out, err);
            session.put(LAST_RESULT, result);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            out.flush();
            return SUCCESS;
        } catch (Exception failure) {
            out.flush();
            print(err, failures.explain(line, failure));
            return FAILURE;
        }
    }

    /** A plain line's command is called here; any other line is Gogo's to run. */
    private Object execute(CommandSession session, String line, InputStream in, PrintStream out, PrintStream err)
            throws Exception {
        Optional<List<String>> words = PlainCommandCall.plainWords(line);
        Optional<Function> function = words.flatMap(plain -> PlainCommandCall.function(session, plain.get(0)));
        if (function.isPresent()) {
            return plainCalls.call(function.get(), session, words.get(), in, out, err);
        }
        return session.execute(line);
    }

    /** A simple line naming commands with words none of their methods take is refused before anything runs. */
    private Optional<CommandUsage.Refusal> check(String line) {
        for (List<String> words : CommandWords.statements(line).orElse(List.of())) {
            Optional<CommandUsage.Refusal> refusal = finder.find(words.get(0))
                    .flatMap(usage -> usage.check(words.subList(1, words.size())));
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private static void print(PrintStream err, List<String> lines) {
        lines.forEach(err::println);
        err.flush();
    }
}
