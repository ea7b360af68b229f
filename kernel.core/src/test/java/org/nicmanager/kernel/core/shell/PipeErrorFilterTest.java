package org.nicmanager.kernel.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PipeErrorFilterTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private PrintStream filter() {
        return PipeErrorFilter.over(new PrintStream(written, true, StandardCharsets.UTF_8),
                (name, message) -> List.of("error: " + message + " (" + name + ")"));
    }

    private String written() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void gogosOwnLineIsRewritten() {
        try (PrintStream err = filter()) {
            // Gogo's Pipe writes its line in the platform's charset, in one write.
            err.write("gogo: IllegalArgumentException: no VM named 'x'\n".getBytes(Charset.defaultCharset()), 0,
                    "gogo: IllegalArgumentException: no VM named 'x'\n".length());
        }
        assertEquals("error: no VM named 'x' (IllegalArgumentException)\n", written());
    }

    @Test
    void otherLinesPassUnchangedEvenWhenTheyBeginLikeGogos() {
        try (PrintStream err = filter()) {
            err.println("warning: é is not ASCII");
            err.println("gog");
            err.print("gogo: not an exception line\n");
            err.print("prompt> ");
            err.flush();
            err.print("rest\n");
        }
        assertEquals("warning: é is not ASCII\ngog\ngogo: not an exception line\nprompt> rest\n", written());
    }
}
