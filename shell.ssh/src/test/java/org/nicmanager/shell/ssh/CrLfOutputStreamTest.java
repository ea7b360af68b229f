package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CrLfOutputStreamTest {

    @Test
    void eachNewLineGoesToTheTerminalAsCarriageReturnNewLine() throws IOException {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (CrLfOutputStream out = new CrLfOutputStream(terminal)) {
            out.write("name  mtu\nvmnic0 1500\n\nend".getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        assertEquals("name  mtu\r\nvmnic0 1500\r\n\r\nend\r\n", terminal.toString(StandardCharsets.UTF_8));
    }
}
