package org.nicmanager.operator.shell;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The host's own Gogo commands, as a script would run them: the operator's view reads state with their
 * {@code --json} documents (the COMMANDS.md shapes) and acts with them, so it depends on no bundle's internals. A
 * command that is not installed (e.g. {@code net:stats} before the resource manager has it) reads as absent.
 */
@Component(service = HostShell.class)
public final class HostShell {

    /** Names a person may pass through to a command: no spaces, quotes or Gogo syntax. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final String NOT_FOUND = "Command not found";

    private final CommandProcessor processor;
    private final PrintStream discard = new PrintStream(OutputStream.nullOutputStream());

    @Activate
    public HostShell(@Reference CommandProcessor processor) {
        this.processor = processor;
    }

    /**
     * Runs a command that prints one JSON document.
     *
     * @return the document, or empty when the command is not installed
     * @throws IllegalArgumentException with the command's own message when it refuses
     */
    public Optional<JsonObject> json(String command) {
        return run(command).map(text -> {
            JsonElement document = JsonParser.parseString(text);
            if (!document.isJsonObject()) {
                throw new IllegalStateException("'" + command + "' did not print a JSON object: " + text);
            }
            return document.getAsJsonObject();
        });
    }

    /**
     * Runs a command and returns what the shell would print.
     *
     * @return the printed result (empty text for none), or empty when the command is not installed
     * @throws IllegalArgumentException with the command's own message when it refuses
     */
    public Optional<String> run(String command) {
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), discard,
                discard)) {
            Object result = session.execute(command);
            return Optional.of(result == null ? "" : session.format(result, Converter.INSPECT).toString());
        } catch (Exception refused) {
            String message = refused.getMessage() == null ? refused.getClass().getSimpleName() : refused.getMessage();
            if (message.startsWith(NOT_FOUND)) {
                return Optional.empty();
            }
            throw new IllegalArgumentException(message, refused);
        }
    }

    /**
     * Checks a name before it becomes a command's argument.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public static String checkedName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("bad " + what + " '" + value + "': letters, digits, '_', '.', ':' or"
                    + " '-', up to 64 characters");
        }
        return value;
    }
}
