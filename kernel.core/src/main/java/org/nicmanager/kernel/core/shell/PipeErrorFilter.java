package org.nicmanager.kernel.core.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's error stream that rewrites the one line Gogo prints itself: when a command that is not the last of a
 * pipeline fails, Gogo's {@code Pipe} writes {@code gogo: IllegalArgumentException: message} (in the platform's
 * charset) instead of throwing. Such a line is replaced by the console's answer; everything else passes unchanged.
 */
final class PipeErrorFilter extends OutputStream {

    /** Rewrites one of Gogo's lines (its exception's simple class name and message) into the console's lines. */
    interface Rewrite {
        List<String> lines(String exceptionName, String message);
    }

    private enum State {
        /** The line so far could still be Gogo's. */
        MATCHING,
        /** The line is not Gogo's: it passes as it comes. */
        PASSING,
        /** The line is Gogo's: it is held until its end. */
        HOLDING
    }

    private static final byte[] PREFIX = "gogo: ".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern GOGO_LINE = Pattern.compile("gogo: (\\w+): (.*)", Pattern.DOTALL);

    private final PrintStream target;
    private final Rewrite rewrite;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private State state = State.MATCHING;

    private PipeErrorFilter(PrintStream target, Rewrite rewrite) {
        this.target = target;
        this.rewrite = rewrite;
    }

    /** A UTF-8 print stream that writes to {@code target} through the filter. */
    static PrintStream over(PrintStream target, Rewrite rewrite) {
        return new PrintStream(new PipeErrorFilter(target, rewrite), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int index = offset; index < offset + length; index++) {
            byte b = bytes[index];
            switch (state) {
                case PASSING -> {
                    target.write(b);
                    state = b == '\n' ? State.MATCHING : State.PASSING;
                }
                case MATCHING -> {
                    if (b == PREFIX[held.size()]) {
                        held.write(b);
                        state = held.size() == PREFIX.length ? State.HOLDING : State.MATCHING;
                    } else {
                        release();
                        target.write(b);
                        state = b == '\n' ? State.MATCHING : State.PASSING;
                    }
                }
                case HOLDING -> {
                    held.write(b);
                    if (b == '\n') {
                        rewriteHeldLine();
                        state = State.MATCHING;
                    }
                }
            }
        }
    }

    private void release() {
        target.write(held.toByteArray(), 0, held.size());
        held.reset();
    }

    private void rewriteHeldLine() {
        String line = held.toString(Charset.defaultCharset()).stripTrailing();
        held.reset();
        Matcher gogo = GOGO_LINE.matcher(line);
        if (gogo.matches()) {
            rewrite.lines(gogo.group(1), gogo.group(2)).forEach(target::println);
        } else {
            target.println(line);
        }
    }

    @Override
    public synchronized void flush() {
        if (state == State.MATCHING && held.size() > 0) {
            release(); // a partial line that is not Gogo's so far, e.g. a prompt: it is not held back
            state = State.PASSING;
        }
        target.flush();
    }

    /** A command ended: what is held goes out, and the next byte starts a line (the filter serves the next one). */
    synchronized void commandEnded() {
        release();
        state = State.MATCHING;
        target.flush();
    }

    /** A filter of its own, for a caller that keeps it across commands ({@link #commandEnded}). */
    static PipeErrorFilter of(PrintStream target, Rewrite rewrite) {
        return new PipeErrorFilter(target, rewrite);
    }

    @Override
    public synchronized void close() {
        release();
        target.flush(); // the target is the caller's stream: it stays open
    }
}
