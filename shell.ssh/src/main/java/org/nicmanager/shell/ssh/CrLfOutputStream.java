package org.nicmanager.shell.ssh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Output to a remote terminal: a pseudo-terminal in raw mode moves to the next line on {@code \n} without going back
 * to its start, so each {@code \n} is sent as {@code \r\n}, as a Unix terminal's {@code onlcr} setting does.
 */
final class CrLfOutputStream extends FilterOutputStream {

    CrLfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (b == '\n') {
            out.write('\r');
        }
        out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                out.write(bytes, start, i - start);
                out.write('\r');
                start = i;
            }
        }
        out.write(bytes, start, end - start);
    }
}
