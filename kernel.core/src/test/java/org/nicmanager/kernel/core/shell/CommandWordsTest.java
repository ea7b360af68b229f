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
                "echo 'open", "", "a | | b", "a ;")) {
            assertEquals(Optional.empty(), CommandWords.of(line), line);
        }
    }

    @Test
    void pipesAndSequencesSplitIntoStatements() {
        assertEquals(Optional.of(List.of(List.of("vm:show", "--frob"), List.of("grep", "a|b"), List.of("kernel:info"))),
                CommandWords.statements("vm:show --frob | grep 'a|b'; kernel:info"));
        assertEquals(Optional.empty(), CommandWords.statements("a | | b"));
    }

    @Test
    void firstWordsNameEveryStatement() {
        assertEquals(List.of("nic:list", "grep", "kernel:info"), CommandWords.firstWords("nic:list | grep x; kernel:info"));
    }

    @Test
    void variablesReadOutsideSingleQuotesAreFound() {
        assertEquals(List.of("x", "y"), CommandWords.variables("vm:create $x \"$y\" '$z'"));
        assertEquals(List.of("name"), CommandWords.variables("echo ${name}"));
        assertEquals(List.of(), CommandWords.variables("each [1 2] { echo $it }"), "a closure's own variables");
    }
}
