package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.shell.CommandConsole;

/** A script's lines go through the console; a failure is located first, then the console's answer follows. */
class ScriptRunnerTest {

    /** Refuses lines starting with "bad" as the console does (problem and usage); answers the others. */
    private static final class ConsoleDouble implements CommandConsole {

        final List<String> ran = new ArrayList<>();

        @Override
        public int execute(String commandLine, InputStream in, PrintStream out, PrintStream err) {
            ran.add(commandLine);
            if (commandLine.startsWith("bad")) {
                err.println("error: bad: missing NAME (the VM's name)");
                err.println("usage: bad NAME");
                return FAILURE;
            }
            out.println("ran " + commandLine);
            return SUCCESS;
        }

        @Override
        public int interact(InputStream in, PrintStream out, PrintStream err, String prompt) {
            throw new UnsupportedOperationException("scripts run line by line");
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleDouble console = new ConsoleDouble();

    private int run(String... lines) {
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new ScriptRunner(console, null, outStream, errStream).run("t.gogo", List.of(lines));
        }
    }

    @Test
    void aRefusedLineIsLocatedThenAnsweredAndTheScriptStops() {
        assertEquals(ScriptRunner.FAILURE, run("# a comment", "first é", "", "bad \\", "  continued", "never"));
        assertEquals(List.of("first é", "bad    continued"), console.ran);
        assertEquals("ran first é\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("t.gogo:4: bad    continued\nerror: bad: missing NAME (the VM's name)\nusage: bad NAME\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aScriptWhoseLinesAllSucceedPrintsNothingOnTheErrorStream() {
        assertEquals(ScriptRunner.SUCCESS, run("one", "two"));
        assertEquals("ran one\nran two\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
