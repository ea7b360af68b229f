package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

import org.nicmanager.kernel.api.shell.CommandConsole;

/**
 * {@code ssh -p PORT HOST}: an interactive session. With a terminal it greets, prompts and edits lines
 * ({@link TerminalLineInput}); without one ({@code ssh -T}, input from a pipe) it reads command lines as a script
 * would, with no prompt.
 */
final class ConsoleShell extends ConsoleChannel {

    static final String PROMPT = "g! ";
    static final String GREETING = "NIC Manager remote console. 'help' lists the commands; 'exit' or Ctrl-D leaves.";

    ConsoleShell(CommandConsole console) {
        super(console);
    }

    @Override
    int run(boolean terminal) throws IOException {
        OutputStream output = terminal ? new CrLfOutputStream(out) : out;
        OutputStream errors = terminal ? new CrLfOutputStream(err) : err;
        InputStream lines = terminal ? new TerminalLineInput(in, out) : in;
        PrintStream printed = printing(output);
        if (terminal) {
            printed.println(GREETING);
        }
        int status = console.interact(lines, printed, printing(errors), terminal ? PROMPT : null);
        printed.flush();
        return status;
    }

    @Override
    String name() {
        return "shell";
    }
}
