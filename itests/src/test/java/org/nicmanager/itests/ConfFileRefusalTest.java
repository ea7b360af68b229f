package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * The operator's path of issue 13: a bad value written into a {@code conf/} file of a running host is refused with a
 * log line that names the file, the key, the value and what is allowed, and the host runs on as it was. Run on the
 * exported jar, where FileInstall reads {@code conf/}.
 */
class ConfFileRefusalTest {

    private static final List<String> BARE = List.of("--bare", "--http-port", "0");
    /** FileInstall polls conf/ every 2 s; generous for a busy machine. */
    private static final long LOG_WAIT_SECONDS = Patience.SECONDS;

    @TempDir
    Path work;

    @Test
    void aBadPoolSizeAndAZeroActionTimeoutInConfFilesAreRefusedNamingTheFile() throws Exception {
        Path conf = Files.createDirectories(work.resolve("conf"));
        try (DemoHostProcess host = new DemoHostProcess(work.toFile(), List.of(), BARE)) {
            host.type("hw:switch add swF --ports 4");
            host.type("hw:nic add f0 --model e1000 --switch swF");
            awaitNic(host);

            Path network = conf.resolve("org.nicmanager.sim.network.cfg");
            Files.writeString(network, "poolBuffers = I\"0\"\n");
            awaitLogged(host, "ERROR [org.nicmanager.sim.network.SimulatedNetworkConfiguration] configuration"
                    + " org.nicmanager.sim.network (" + network.toRealPath() + ") refused: poolBuffers = 0 is not"
                    + " allowed; allowed: a whole number from 1 to 131072; the settings in force stay");
            awaitNic(host);

            Path kernel = conf.resolve("org.nicmanager.kernel.cfg");
            Files.writeString(kernel, "actionTimeoutMs = L\"0\"\n");
            awaitLogged(host, "ERROR [org.nicmanager.kernel.core.KernelConfiguration] configuration org.nicmanager.kernel ("
                    + kernel.toRealPath() + ") refused: actionTimeoutMs = 0 is not allowed; allowed: a whole number from"
                    + " 100 to 86400000; the settings in force stay");
            awaitNic(host);
            assertEquals(0, host.exit(), host.errors());
        }
    }

    /** The NIC is listed, up: the world it lives in was neither torn down nor rebuilt empty. */
    private static void awaitNic(DemoHostProcess host) throws Exception {
        JsonObject nics = host.json("nic:list --json", "nics");
        assertEquals("f0", nics.getAsJsonArray("nics").get(0).getAsJsonObject().get("name").getAsString(),
                nics.toString());
    }

    /** Waits for exactly this line on the host's standard error: one line, naming the file. */
    private static void awaitLogged(DemoHostProcess host, String line) throws Exception {
        host.awaitErrorLine(line::equals, LOG_WAIT_SECONDS, "log line '" + line + "'");
    }
}
