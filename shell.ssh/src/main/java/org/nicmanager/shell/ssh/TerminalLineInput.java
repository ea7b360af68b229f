package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The line discipline of a remote pseudo-terminal. An SSH client with a terminal sends each key as it is typed and
 * echoes nothing itself, so this echoes what is typed, lets the operator correct the line (Backspace, Ctrl-U), and
 * hands the command reader whole lines ending in {@code \n}. Enter arrives as {@code \r} (or {@code \r\n} or
 * {@code \n} from a client fed by a pipe); Ctrl-C drops the line; Ctrl-D on an empty line ends the session. Cursor
 * and function keys (escape sequences) are ignored. Input is UTF-8; Backspace removes a whole character.
 */
final class TerminalLineInput extends InputStream {

    static final int MAX_LINE_BYTES = 4096;

    private static final int BACKSPACE = 0x08;
    private static final int TAB = 0x09;
    private static final int CTRL_C = 0x03;
    private static final int CTRL_D = 0x04;
    private static final int CTRL_U = 0x15;
    private static final int ESCAPE = 0x1b;
    private static final int DELETE = 0x7f;
    private static final int BELL = 0x07;
    private static final byte[] ERASE = "\b \b".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_LINE = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INTERRUPTED = "^C\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Where an escape sequence stands: none, after ESC, or inside {@code ESC [} or {@code ESC O}. */
    private enum Escape { NONE, STARTED, SEQUENCE }

    private final InputStream keys;
    private final OutputStream echo;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private byte[] ready = new byte[0];
    private int readyPosition;
    private boolean ended;
    private boolean afterCarriageReturn;
    private Escape escape = Escape.NONE;

    TerminalLineInput(InputStream keys, OutputStream echo) {
        this.keys = keys;
        this.echo = echo;
    }

    @Override
    public int read() throws IOException {
        if (!awaitLine()) {
            return -1;
        }
        return ready[readyPosition++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!awaitLine()) {
            return -1;
        }
        int count = Math.min(length, ready.length - readyPosition);
        System.arraycopy(ready, readyPosition, into, offset, count);
        readyPosition += count;
        return count;
    }

    /** What is left of the last whole line; the reader never blocks on a line still being typed. */
    @Override
    public int available() {
        return ready.length - readyPosition;
    }

    @Override
    public void close() throws IOException {
        keys.close();
    }

    /** Blocks until a whole line is ready; false at the end of the session. */
    private boolean awaitLine() throws IOException {
        while (readyPosition == ready.length) {
            if (ended) {
                return false;
            }
            int key = keys.read();
            if (key < 0) {
                ended = true;
                // A line typed but not ended when the client went away is still run, as a shell reading a file does.
                if (lineLength > 0) {
                    deliver();
                }
            } else {
                type(key);
            }
        }
        return true;
    }

    private void type(int key) throws IOException {
        boolean carriageReturn = key == '\r';
        boolean swallowNewLine = key == '\n' && afterCarriageReturn;
        afterCarriageReturn = carriageReturn;
        if (escape != Escape.NONE) {
            skipEscapeSequence(key);
            return;
        }
        if (swallowNewLine) {
            return;
        }
        switch (key) {
            case '\r', '\n' -> {
                echo(NEW_LINE);
                deliver();
            }
            case BACKSPACE, DELETE -> eraseCharacter();
            case CTRL_U -> {
                while (lineLength > 0) {
                    eraseCharacter();
                }
            }
            case CTRL_C -> {
                lineLength = 0;
                echo(INTERRUPTED);
                deliver();
            }
            case CTRL_D -> {
                if (lineLength == 0) {
                    ended = true;
                }
            }
            case ESCAPE -> escape = Escape.STARTED;
            case TAB -> append(' ');
            default -> {
                if (key >= ' ') {
                    append(key);
                }
            }
        }
    }

    /** {@code ESC [ ... final} and {@code ESC O final}: the final byte is in 0x40..0x7e. */
    private void skipEscapeSequence(int key) {
        if (escape == Escape.STARTED) {
            escape = key == '[' || key == 'O' ? Escape.SEQUENCE : Escape.NONE;
        } else if (key >= 0x40 && key <= 0x7e) {
            escape = Escape.NONE;
        }
    }

    private void append(int key) throws IOException {
        if (lineLength == MAX_LINE_BYTES) {
            echo.write(BELL);
            echo.flush();
            return;
        }
        line[lineLength++] = (byte) key;
        echo.write(key);
        // The rest of a multi-byte character follows at once; show the character when it is whole.
        if (key < 0x80 || keys.available() == 0) {
            echo.flush();
        }
    }

    private void eraseCharacter() throws IOException {
        if (lineLength == 0) {
            return;
        }
        // UTF-8: drop the continuation bytes (10xxxxxx), then the character's first byte.
        while (lineLength > 1 && (line[lineLength - 1] & 0xc0) == 0x80) {
            lineLength--;
        }
        lineLength--;
        echo(ERASE);
    }

    private void deliver() {
        ready = Arrays.copyOf(line, lineLength + 1);
        ready[lineLength] = '\n';
        readyPosition = 0;
        lineLength = 0;
    }

    private void echo(byte[] bytes) throws IOException {
        echo.write(bytes);
        echo.flush();
    }
}
