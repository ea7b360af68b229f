package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void controlCharactersCannotForgeALogLine() {
        assertEquals("root\\nERROR [org.nicmanager.kernel.core.Kernel] network world stopped",
                LogText.escaped("root\nERROR [org.nicmanager.kernel.core.Kernel] network world stopped"));
        assertEquals("a\\rb\\tc\\u001b[31md\\u0000\\u2028\\\\n", LogText.escaped("a\rb\tc\u001b[31md\u0000\u2028\\n"));
    }

    @Test
    void plainTextAndNonAsciiLettersStayAsTheyAre() {
        assertEquals("h\u00e9llo /127.0.0.1:22", LogText.escaped("h\u00e9llo /127.0.0.1:22"));
        assertEquals("null", LogText.escaped(null));
    }
}
