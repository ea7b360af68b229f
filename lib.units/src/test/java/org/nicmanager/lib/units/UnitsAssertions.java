package org.nicmanager.lib.units;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Checks that a parser refuses text with a message an operator can act on. */
final class UnitsAssertions {

    private UnitsAssertions() {
    }

    /** The parse throws, and the message quotes the bad text and lists the allowed forms. */
    static void assertRefused(String text, String allowedForms, Executable parse) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, parse);
        String message = refused.getMessage();
        assertTrue(message.contains("'" + text + "'"), () -> "message does not quote the text: " + message);
        assertTrue(message.contains(allowedForms), () -> "message does not list the allowed forms: " + message);
    }
}
