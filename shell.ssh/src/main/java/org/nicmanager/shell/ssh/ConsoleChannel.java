package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.nicmanager.kernel.api.shell.CommandConsole;

/**
 * An SSH session channel served by the host's {@link CommandConsole}: the console runs on a thread of the channel's
 * own (MINA's I/O threads must never wait for a command), and its exit status is the channel's.
 */
abstract class ConsoleChannel implements Command {

    protected final CommandConsole console;
    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    private ExitCallback exit;
    private Thread worker;

    ConsoleChannel(CommandConsole console) {
        this.console = console;
    }

    /** Runs the session with the channel's streams; returns its exit status. */
    abstract int run(boolean terminal) throws IOException;

    /** A short name for the session's thread. */
    abstract String name();

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
        boolean terminal = environment.getEnv().containsKey(Environment.ENV_TERM)
                || !environment.getPtyModes().isEmpty();
        worker = new Thread(() -> runAndExit(terminal), "nicmgr-ssh-" + name());
        worker.setDaemon(true);
        worker.start();
    }

    private void runAndExit(boolean terminal) {
        int status = CommandConsole.FAILURE;
        String message = null;
        try {
            status = run(terminal);
        } catch (IOException clientGone) {
            // The client closed the channel while output was on its way: nobody is left to tell but the channel.
            message = "the SSH session ended: " + clientGone.getMessage();
        } finally {
            exit.onExit(status, message == null ? "" : message);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Text to the client in UTF-8, flushed at each line: a remote operator sees each line when it is printed. */
    static PrintStream printing(OutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }
}
