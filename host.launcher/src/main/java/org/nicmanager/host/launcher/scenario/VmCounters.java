package org.nicmanager.host.launcher.scenario;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.nicmanager.lib.units.TimeSpan;

/**
 * Reads every VM's counters through the host's own commands, as a script would: {@code vnic:list --json} for the
 * frames its virtual NICs sent and received, and {@code net:stats --json} (when installed) for its throughput. Runs
 * on the world thread, where those commands run their world actions in place.
 */
final class VmCounters implements AutoCloseable {

    private static final String NOT_FOUND = "Command not found";

    private final CommandSession session;
    private final String netStats;
    private boolean netStatsInstalled = true;

    /** @param windowNanos the window of the resource manager's throughput: the sampling interval */
    VmCounters(CommandProcessor processor, long windowNanos) {
        this.netStats = "net:stats --json --window " + TimeSpan.format(windowNanos);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        this.session = processor.createSession(new ByteArrayInputStream(new byte[0]), discard, discard);
    }

    /** The VMs' samples at kernel time {@code time}, by name. */
    List<Sample> read(long time) {
        Map<String, long[]> frames = new TreeMap<>();
        JsonObject vnics = json("vnic:list --json");
        if (vnics != null) {
            for (JsonElement element : vnics.getAsJsonArray("vnics")) {
                JsonObject vnic = element.getAsJsonObject();
                long[] sum = frames.computeIfAbsent(vnic.get("vm").getAsString(), vm -> new long[2]);
                sum[0] += vnic.get("txFrames").getAsLong();
                sum[1] += vnic.get("rxFrames").getAsLong();
            }
        }
        Map<String, Double> throughput = netStatsInstalled ? throughput() : Map.of();
        return frames.entrySet().stream().map(vm -> new Sample(time, Sample.VM, vm.getKey(), vm.getValue()[0], -1,
                vm.getValue()[1], -1, throughput.getOrDefault(vm.getKey(), Double.NaN))).toList();
    }

    private Map<String, Double> throughput() {
        JsonObject stats = json(netStats);
        if (stats == null) {
            netStatsInstalled = false;
            return Map.of();
        }
        Map<String, Double> byVm = new HashMap<>();
        for (JsonElement element : stats.getAsJsonArray("vms")) {
            JsonObject vm = element.getAsJsonObject();
            byVm.put(vm.get("name").getAsString(), vm.get("throughputBps").getAsDouble());
        }
        return byVm;
    }

    /** The command's document, or null when it is not installed. */
    private JsonObject json(String command) {
        try {
            Object result = session.execute(command);
            return JsonParser.parseString(session.format(result, Converter.INSPECT).toString()).getAsJsonObject();
        } catch (Exception failure) {
            if (String.valueOf(failure.getMessage()).startsWith(NOT_FOUND)) {
                return null;
            }
            throw new IllegalStateException("recording the scenario: '" + command + "' failed: "
                    + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
