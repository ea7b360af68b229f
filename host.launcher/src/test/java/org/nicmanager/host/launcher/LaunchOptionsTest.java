package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;

class LaunchOptionsTest {

    @Test
    void noOptionsIsTheInteractiveDemoOnTheRealClock() {
        LaunchOptions options = LaunchOptions.parse(List.of());
        assertTrue(options.demo());
        assertEquals(ClockMode.REAL, options.clock());
        assertNull(options.httpPort(), "the default port comes from the run descriptor");
        assertNull(options.demoScript(), "the built-in demo");
    }

    @Test
    void aScriptRunIsBareVirtualAndRecordedUnlessAsked() {
        LaunchOptions options = LaunchOptions.parse(List.of("--script", "x.gogo"));
        assertFalse(options.demo());
        assertEquals(ClockMode.VIRTUAL, options.clock());
        assertTrue(options.record());
        assertEquals(".", options.outDirectory());
        assertEquals(100_000_000L, options.sampleNanos());

        LaunchOptions quiet = LaunchOptions.parse(List.of("--script", "x.gogo", "--no-record", "--out", "runs",
                "--sample", "10ms", "--http-port", "0", "--demo-script", "mine.gogo"));
        assertFalse(quiet.record());
        assertEquals("runs", quiet.outDirectory());
        assertEquals(10_000_000L, quiet.sampleNanos());
        assertEquals(0, quiet.httpPort());
        assertTrue(quiet.demo(), "a demo script implies --demo");
        assertEquals("mine.gogo", quiet.demoScript());
    }

    @Test
    void badValuesAreRefusedNamingTheValueAndWhatIsAllowed() {
        assertEquals("bad --http-port '70000': a port number 0..65535 (0: any free port)", refusal("--http-port",
                "70000"));
        assertEquals("bad --http-port 'web': a port number 0..65535 (0: any free port)", refusal("--http-port",
                "web"));
        assertEquals("bad --sample '10us': at least 1ms", refusal("--sample", "10us"));
        assertTrue(refusal("--sample", "often").startsWith("bad --sample 'often': "));
        assertEquals("launcher option --out needs a value", refusal("--out"));
    }

    private static String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of(args))).getMessage();
    }

    @Test
    void commandsAreCountedAsTheRunnerReadsThem() {
        assertEquals(3, ScriptRunner.countCommands(List.of("# a comment", "", "kernel:info", "hw:switch add swA \\",
                "  --ports 8", "kernel:advance 1s")));
    }
}
