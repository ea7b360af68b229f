package org.nicmanager.kernel.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandWordsTest {

    @Test
    void aSimpleLineSplitsAtBlanksKeepingQuotedWordsWhole() {
        assertEquals(Optional.of(List.of("vm:create", "--priority", "5", "my vm", "é")),
                CommandWords.of("  vm:create --priority 5 'my vm'   \"é\" "));
        assertEquals(Optional.of(List.of("echo", "")), CommandWords.of("echo ''"));
    }

    @Test
    void gogoSyntaxIsLeftToGogo() {
        for (String line : List.of("nic:list | grep x", "a ; b", "echo $x", "x = 5", "each [1 2] { echo $it }",
                "echo 'open", "")) {
            assertEquals(Optional.empty(), CommandWords.of(line), line);
        }
    }

    @Test
    void firstWordsNameEveryStatement() {
        assertEquals(List.of("nic:list", "grep", "kernel:info"), CommandWords.firstWords("nic:list | grep x; kernel:info"));
    }
}
