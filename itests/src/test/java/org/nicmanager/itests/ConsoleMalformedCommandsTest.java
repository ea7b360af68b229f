package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.nicmanager.kernel.api.shell.CommandConsole;
import org.osgi.framework.ServiceReference;

/**
 * Issue 13, point 9: a wrong command gets the command's own usage or names the bad value, never the shell runtime's
 * internals ({@code Cannot coerce}, {@code Token}) or a stack trace, and the host still answers afterwards. The lines
 * come from a seeded generator over every command the host's bundles register.
 */
public class ConsoleMalformedCommandsTest extends NicManagerTestSupport {

    private static final long SEED = 13;
    private static final int LINES = 1_200;
    /** What only the shell runtime or a stack trace prints. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Cannot coerce|Token|^\\s*at [a-z]+\\.|Exception:|internal error",
            Pattern.MULTILINE);

    /** One console answer. */
    private record Answer(String line, int status, String out, String err) {

        String text() {
            return "'" + line + "' -> " + status + "\nout: " + out + "\nerr: " + err;
        }
    }

    private Answer run(String line) throws Exception {
        CommandConsole console = awaitService(CommandConsole.class, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int status = console.execute(line, InputStream.nullInputStream(), outStream, errStream);
            return new Answer(line, status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Every command the host's own bundles register, with its options. */
    private MalformedCommands.Vocabulary vocabulary() throws Exception {
        awaitMatching("(osgi.command.scope=bond)");
        awaitMatching("(osgi.command.scope=hw)");
        awaitMatching("(osgi.command.scope=vm)");
        SortedMap<String, Map<String, Boolean>> commands = new TreeMap<>();
        for (ServiceReference<?> reference : context.getServiceReferences((String) null,
                "(" + CommandProcessor.COMMAND_SCOPE + "=*)")) {
            if (reference.getBundle().getSymbolicName().startsWith("org.apache.")) {
                continue; // Gogo's and Felix's own: felix:stop and the like would take the framework down
            }
            Object service = context.getService(reference);
            try {
                String scope = reference.getProperty(CommandProcessor.COMMAND_SCOPE).toString();
                Object functions = reference.getProperty(CommandProcessor.COMMAND_FUNCTION);
                for (String function : functions instanceof String[] several ? several
                        : new String[] {functions.toString()}) {
                    MalformedCommands.Vocabulary.addCommand(commands, scope + ":" + function, function,
                            service.getClass());
                }
            } finally {
                context.ungetService(reference);
            }
        }
        return new MalformedCommands.Vocabulary(commands);
    }

    @Test
    public void malformedCommandsGetUsageOrTheBadValueAndTheHostStillAnswers() throws Exception {
        MalformedCommands generator = new MalformedCommands(SEED, vocabulary());
        assertTrue("the vocabulary is the host's: " + generator.commands(),
                generator.commands().containsAll(List.of("bond:create", "hw:nic", "vm:create", "kernel:advance",
                        "nic:show", "net:alloc", "dos:status", "guest:traffic")));
        List<Path> filesBefore = filesHere();
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        int withUsage = 0;
        for (int index = 0; index < LINES; index++) {
            Answer answer = run(generator.next());
            String problem = problem(answer);
            if (problem != null) {
                wrong.add(problem + ": " + answer.text());
            }
            if (answer.status() != CommandConsole.SUCCESS) {
                refused++;
                withUsage += answer.err().contains("usage: ") ? 1 : 0;
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " of " + LINES + " answers are wrong; the first ones:\n"
                    + String.join("\n\n", wrong.subList(0, Math.min(40, wrong.size()))));
        }
        assertTrue("most malformed lines are refused: " + refused, refused > LINES * 8 / 10);
        assertTrue("many refusals give the usage: " + withUsage, withUsage > LINES / 5);
        assertEquals("no line wrote a file", filesBefore, filesHere());
        Answer info = run("kernel:info");
        assertEquals(info.text(), CommandConsole.SUCCESS, info.status());
        assertTrue(info.text(), info.out().contains("clock "));
    }

    private static List<Path> filesHere() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(""))) {
            return files.sorted().toList();
        }
    }

    /** Why an answer is wrong, or null when it is right. */
    private static String problem(Answer answer) {
        String printed = answer.out() + answer.err();
        if (INTERNALS.matcher(printed).find()) {
            return "shows the shell's internals or a stack trace";
        }
        if (answer.status() == CommandConsole.SUCCESS) {
            return null; // a malformed-looking line can still be a right one
        }
        if (answer.err().isBlank()) {
            return "refused without a word";
        }
        if (!answer.err().lines().allMatch(line -> line.startsWith("error: ") || line.startsWith("usage: "))) {
            return "a refusal line starts with neither 'error: ' nor 'usage: '";
        }
        if (answer.err().contains("usage: ")) {
            return null;
        }
        // One line for each command of the line that failed (a pipeline may have two).
        return namesAWordOfTheLine(answer) ? null : "the refusal names neither the usage nor a bad value";
    }

    /** The refusal quotes a word of the line, or says which usage or form is expected. */
    private static boolean namesAWordOfTheLine(Answer answer) {
        String[] words = answer.line().split("\\s+");
        for (int index = 0; index < words.length; index++) {
            String word = words[index].replaceAll("^['\"]|['\"]$", "");
            if (!word.isEmpty() && answer.err().contains(word)) {
                return true;
            }
        }
        // An empty word is quoted as ''; a word Gogo expanded ('*', the files here) as what it became.
        boolean globbed = answer.line().contains("*") || answer.line().contains("?");
        return answer.err().contains("expected") || answer.err().contains("usage") || answer.err().contains("''")
                || answer.err().contains("is required") || globbed && answer.err().contains("'");
    }

    @Test
    public void nonAsciiRoundTripsAsUtf8() throws Exception {
        Answer echo = run("echo é ünïcödé 名前");
        assertEquals(echo.text(), CommandConsole.SUCCESS, echo.status());
        assertEquals("é ünïcödé 名前\n", echo.out().replace("\r", ""));
        Answer refusal = run("vm:create é");
        assertEquals(refusal.text(), CommandConsole.FAILURE, refusal.status());
        assertTrue(refusal.text(), refusal.err().contains("bad VM name 'é': use 1-32 letters, digits, '.', '_' or '-'"));
        Answer group = run("hw:switch group swG é 1");
        assertEquals(group.text(), CommandConsole.FAILURE, group.status());
        assertTrue(group.text(), group.err().contains("bad group name 'é': a letter, then letters, digits, '.', '_'"));
    }

    @Test
    public void interactiveInputIsReadAsUtf8() throws Exception {
        CommandConsole console = awaitService(CommandConsole.class, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] typed = "echo é\nbond:show\nexit\nkernel:info\n".getBytes(StandardCharsets.UTF_8);
        int status;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = console.interact(new java.io.ByteArrayInputStream(typed), outStream, errStream, "> ");
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals("> é\n> > ", printed);
        assertEquals("error: bond:show: missing BOND (the bond)\nusage: bond:show [--json] BOND\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("the last line before exit failed", CommandConsole.FAILURE, status);
    }
}
