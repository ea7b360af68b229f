package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

import org.nicmanager.kernel.api.shell.CommandConsole;

/** {@code ssh -p PORT HOST COMMAND}: runs one command line and returns its output and exit status. */
final class ConsoleCommand extends ConsoleChannel {

    private final String commandLine;

    ConsoleCommand(CommandConsole console, String commandLine) {
        super(console);
        this.commandLine = commandLine;
    }

    @Override
    int run(boolean terminal) throws IOException {
        PrintStream output = printing(terminal ? new CrLfOutputStream(out) : out);
        PrintStream errors = printing(terminal ? new CrLfOutputStream(err) : err);
        int status = console.execute(commandLine, in, output, errors);
        output.flush();
        errors.flush();
        if (output.checkError() || errors.checkError()) {
            throw new IOException("the client stopped reading");
        }
        return status;
    }

    @Override
    String name() {
        return "command";
    }
}
