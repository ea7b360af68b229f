package org.nicmanager.kernel.api.shell;

import java.io.InputStream;
import java.io.PrintStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's command line, one implementation for every way an operator reaches it: the launcher's console, a
 * {@code --script} run and a remote (SSH) session. It runs Gogo command lines, prints their results the way the
 * shell formatter does, and answers a wrong use of a command with that command's own usage and what was wrong, never
 * with the shell runtime's internals or a stack trace.
 */
@ProviderType
public interface CommandConsole {

    /** Exit status of a command line that succeeded. */
    int SUCCESS = 0;
    /** Exit status of a command line that failed or was refused. */
    int FAILURE = 1;

    /**
     * Runs one command line in a new session whose output goes to {@code out}; the result is printed to {@code out},
     * a failure as one line (or the command's usage) to {@code err}.
     *
     * @return {@link #SUCCESS} or {@link #FAILURE}
     */
    int execute(String commandLine, InputStream in, PrintStream out, PrintStream err);

    /**
     * Reads command lines as UTF-8 from {@code in} and runs each, until end of input or {@code exit}. With a non-null
     * prompt it is printed before each line (an interactive session).
     *
     * @return {@link #SUCCESS}, or {@link #FAILURE} when the last command line failed
     */
    int interact(InputStream in, PrintStream out, PrintStream err, String prompt);
}
