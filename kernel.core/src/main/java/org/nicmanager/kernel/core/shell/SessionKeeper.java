package org.nicmanager.kernel.core.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/**
 * Keeps the last Gogo session {@link GogoCommandConsole#execute} made, for the next call with the same streams: a
 * script's lines, one call each. A new session per line cost a thread pool and a thread or two per line, about 2 ms
 * on this machine, which made most of a script's time with 30,000 lines for 10,000 VMs (issue 17). A session is never
 * used by two calls at once: a call that finds it busy, or made for other streams, gets a new one, and the old one is
 * closed by its last user.
 */
final class SessionKeeper {

    /** A session, the streams it was made for, the line it runs now (for its error filter) and its users. */
    static final class Kept {
        private final InputStream in;
        private final PrintStream out;
        private final PrintStream err;
        private final PipeErrorFilter filter;
        final CommandSession session;
        final AtomicReference<String> line;
        private int users;
        private boolean retired;

        private Kept(InputStream in, PrintStream out, PrintStream err, PipeErrorFilter filter,
                CommandSession session, AtomicReference<String> line) {
            this.in = in;
            this.out = out;
            this.err = err;
            this.filter = filter;
            this.session = session;
            this.line = line;
        }

        private boolean madeFor(InputStream otherIn, PrintStream otherOut, PrintStream otherErr) {
            return in == otherIn && out == otherOut && err == otherErr;
        }
    }

    private final CommandProcessor processor;
    /** The error filter of a session, given the holder of the line it runs. */
    private final Function<AtomicReference<String>, PipeErrorFilter.Rewrite> rewrite;
    private Kept kept; // guarded by this

    SessionKeeper(CommandProcessor processor, Function<AtomicReference<String>, PipeErrorFilter.Rewrite> rewrite) {
        this.processor = processor;
        this.rewrite = rewrite;
    }

    /** A session for these streams, running {@code line}, for the caller alone until {@link #release}. */
    synchronized Kept acquire(InputStream in, PrintStream out, PrintStream err, String line) {
        if (kept == null || kept.users > 0 || !kept.madeFor(in, out, err)) {
            retire();
            AtomicReference<String> current = new AtomicReference<>(line);
            PipeErrorFilter filter = PipeErrorFilter.of(err, rewrite.apply(current));
            CommandSession session = processor.createSession(in, out,
                    new PrintStream(filter, true, StandardCharsets.UTF_8));
            kept = new Kept(in, out, err, filter, session, current);
        }
        kept.users++;
        kept.line.set(line);
        return kept;
    }

    /** The caller's command ended: its error lines are out, and the session is free for the next call. */
    synchronized void release(Kept used) {
        used.filter.commandEnded();
        used.users--;
        if (used.retired && used.users == 0) {
            used.session.close();
        }
    }

    /** Closes the kept session (as the console stops), or lets its last user close it. */
    synchronized void retire() {
        if (kept != null) {
            kept.retired = true;
            if (kept.users == 0) {
                kept.session.close();
            }
            kept = null;
        }
    }
}
