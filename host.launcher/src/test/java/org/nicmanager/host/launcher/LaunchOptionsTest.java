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
    void aScriptRunIsBareVirtualAndWritesNoFileUnlessAsked() {
        LaunchOptions options = LaunchOptions.parse(List.of("--script", "x.gogo"));
        assertFalse(options.demo());
        assertEquals(ClockMode.VIRTUAL, options.clock());
        assertFalse(options.record(), "a script run leaves the current folder alone");
        assertEquals(100_000_000L, options.sampleNanos());

        assertTrue(LaunchOptions.parse(List.of("--script", "x.gogo", "--record")).record());
        assertEquals(".", LaunchOptions.parse(List.of("--script", "x.gogo", "--record")).outDirectory());
        LaunchOptions out = LaunchOptions.parse(List.of("--script", "x.gogo", "--out", "runs", "--sample", "10ms",
                "--http-port", "0", "--demo-script", "mine.gogo"));
        assertTrue(out.record(), "--out asks for the files");
        assertEquals("runs", out.outDirectory());
        assertEquals(10_000_000L, out.sampleNanos());
        assertEquals(0, out.httpPort());
        assertTrue(out.demo(), "a demo script implies --demo");
        assertEquals("mine.gogo", out.demoScript());
        assertFalse(LaunchOptions.parse(List.of("--script", "x.gogo", "--no-record", "--out", "runs")).record(),
                "--no-record, the old way to ask for no files, still means none");
    }

    @Test
    void aHostWithoutAConsoleAndTheSshConsoleAreAskedForByOption() {
        assertFalse(LaunchOptions.parse(List.of()).noConsole());
        assertTrue(LaunchOptions.parse(List.of("--no-console", "--state", "s")).noConsole());
        assertNull(LaunchOptions.parse(List.of()).ssh(), "the SSH port is off unless given");
        assertEquals(new LaunchOptions.SshOptions(8101, "~/.ssh/authorized_keys"),
                LaunchOptions.parse(List.of("--ssh-port", "8101")).ssh());
        assertEquals(new LaunchOptions.SshOptions(2222, "keys"),
                LaunchOptions.parse(List.of("--ssh-authorized-keys", "keys", "--ssh-port", "2222")).ssh());
        assertEquals("/home/op/keys", SshSettings.keysFile("/home/op/keys"));
        assertEquals(System.getProperty("user.home") + "/.ssh/authorized_keys",
                SshSettings.keysFile("~/.ssh/authorized_keys"));
    }

    @Test
    void badValuesAreRefusedNamingTheValueAndWhatIsAllowed() {
        assertEquals("bad --http-port '70000': a port number 0..65535 (0: any free port)", refusal("--http-port",
                "70000"));
        assertEquals("bad --http-port 'web': a port number 0..65535 (0: any free port)", refusal("--http-port",
                "web"));
        assertEquals("bad --ssh-port '-1': a port number 0..65535 (0: any free port)", refusal("--ssh-port", "-1"));
        assertEquals("bad --sample '5ms': 10ms..64s (the windows net:stats measures over)", refusal("--script",
                "x.gogo", "--sample", "5ms"));
        assertEquals("bad --sample '65s': 10ms..64s (the windows net:stats measures over)", refusal("--sample",
                "65s"));
        assertEquals(64_000_000_000L, LaunchOptions.parse(List.of("--sample", "64s")).sampleNanos());
        assertTrue(refusal("--sample", "often").startsWith("bad --sample 'often': "));
        assertEquals("launcher option --out needs a value", refusal("--out"));
        assertTrue(refusal("--script", "x.gogo", "--no-console").startsWith("--no-console is for a host that runs"));
        assertTrue(refusal("--ssh-authorized-keys", "k").startsWith("--ssh-authorized-keys needs --ssh-port PORT"));
    }

    @Test
    void aClusterIsJoinedByOptionAndBadAddressesOrHostIdsAreRefused() {
        assertNull(LaunchOptions.parse(List.of()).cluster(), "standalone unless --cluster is given");
        LaunchOptions.ClusterOptions joined = LaunchOptions.parse(List.of("--cluster", "zk1:2181,zk2:2181",
                "--host-id", "esx-01")).cluster();
        assertEquals("zk1:2181,zk2:2181", joined.ensembleText());
        assertEquals("esx-01", joined.hostId());
        assertFalse(joined.ensemble().embedded());
        LaunchOptions.ClusterOptions embedded = LaunchOptions.parse(List.of("--cluster", "embedded:0")).cluster();
        assertTrue(embedded.ensemble().embedded());
        assertEquals(0, embedded.ensemble().embeddedPort());
        assertNull(embedded.hostId(), "the machine's host name, filled in when the configuration is written");

        assertTrue(refusal("--cluster", "zk1").startsWith("bad cluster address 'zk1': 'zk1' has no HOST:PORT;"
                + " allowed: HOST:PORT[,HOST:PORT...][/CHROOT]"), refusal("--cluster", "zk1"));
        assertTrue(refusal("--cluster", "embedded:70000").startsWith("bad cluster address 'embedded:70000': port"
                + " '70000' is not in 0..65535"), refusal("--cluster", "embedded:70000"));
        assertTrue(refusal("--cluster", "embedded", "--host-id", "a/b").startsWith("bad host id 'a/b': 1 to 64"));
        assertEquals("launcher option --host-id needs a value", refusal("--cluster", "embedded", "--host-id"));
        assertTrue(refusal("--host-id", "esx-01").startsWith("--host-id names this host in a cluster; it needs"
                + " --cluster"));
    }

    @Test
    void theUsageNamesEveryOption() {
        for (String option : List.of("--script", "--clock", "--demo", "--bare", "--seed", "--http-port",
                "--demo-script", "--no-console", "--state", "--record", "--out", "--no-record", "--sample",
                "--ssh-port", "--ssh-authorized-keys", "--cluster", "--host-id", "--help")) {
            assertTrue(LaunchOptions.USAGE.contains(option + " "), option);
            assertTrue(refusal("--nope").contains(option), option);
        }
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
