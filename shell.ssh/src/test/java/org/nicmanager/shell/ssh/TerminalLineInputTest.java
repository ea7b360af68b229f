package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The remote terminal's line discipline: what the command reader gets, and what the operator sees echoed. */
class TerminalLineInputTest {

    private final ByteArrayOutputStream echo = new ByteArrayOutputStream();

    /** Every line the command reader gets from these keys, read as the console reads them. */
    private List<String> lines(String keys) throws IOException {
        TerminalLineInput input = new TerminalLineInput(
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), echo);
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private String echoed() {
        return echo.toString(StandardCharsets.UTF_8);
    }

    @Test
    void enterAsCarriageReturnEndsALineAndIsEchoedAsANewLine() throws IOException {
        assertEquals(List.of("nic:list", "help"), lines("nic:list\rhelp\r"));
        assertEquals("nic:list\r\nhelp\r\n", echoed());
    }

    @Test
    void carriageReturnNewLineIsOneLineEndAndANewLineAloneIsToo() throws IOException {
        assertEquals(List.of("a", "b", "", "c"), lines("a\r\nb\n\nc\r"));
    }

    @Test
    void backspaceAndDeleteEraseTheLastCharacterOnScreenToo() throws IOException {
        assertEquals(List.of("nic:list"), lines("nic:lisx\u007ft\rab\b\b\u0004"));
        assertEquals("nic:lisx\b \bt\r\nab\b \b\b \b", echoed());
    }

    @Test
    void backspaceErasesAWholeUtf8Character() throws IOException {
        assertEquals(List.of("caf", "h\u00e9llo \u20ac"), lines("caf\u00e9\u007f\rh\u00e9llo \u20ac\r"));
    }

    @Test
    void ctrlCDropsTheLineAndCtrlUErasesIt() throws IOException {
        assertEquals(List.of("", "b"), lines("vm:stop web\u0003xyz\u0015b\r"));
        assertEquals("vm:stop web^C\r\nxyz\b \b\b \b\b \bb\r\n", echoed());
    }

    @Test
    void ctrlDOnAnEmptyLineEndsTheSessionAndIsIgnoredOtherwise() throws IOException {
        assertEquals(List.of("ab"), lines("a\u0004b\r\u0004nic:list\r"));
    }

    @Test
    void cursorKeysAndOtherControlCharactersAreIgnoredAndATabIsASpace() throws IOException {
        assertEquals(List.of("nic:list --json"), lines("nic:\u001b[Alist\u001b[1;5D\u001bOP\u0001\t--json\r"));
        assertEquals("nic:list --json\r\n", echoed());
    }

    @Test
    void aLineTypedWhenTheClientLeavesIsStillRun() throws IOException {
        assertEquals(List.of("nic:list"), lines("nic:list"));
    }

    @Test
    void aLineStopsGrowingAtItsLimitAndRingsTheBell() throws IOException {
        String tooLong = "x".repeat(TerminalLineInput.MAX_LINE_BYTES + 3);

        assertEquals(List.of("x".repeat(TerminalLineInput.MAX_LINE_BYTES)), lines(tooLong + "\r"));
        assertEquals("\u0007\u0007\u0007\r\n", echoed().substring(TerminalLineInput.MAX_LINE_BYTES));
    }

    @Test
    void nothingIsReadyWhileALineIsBeingTyped() throws IOException {
        TerminalLineInput input = new TerminalLineInput(
                new ByteArrayInputStream("ab\rc".getBytes(StandardCharsets.UTF_8)), echo);

        assertEquals('a', input.read());
        assertEquals(2, input.available(), "the rest of \"ab\\n\"");
        byte[] rest = new byte[10];
        assertEquals(2, input.read(rest, 0, 10));
        assertEquals(0, input.available());
    }
}
