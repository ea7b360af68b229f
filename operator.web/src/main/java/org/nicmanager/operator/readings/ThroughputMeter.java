package org.nicmanager.operator.readings;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.operator.readings.Rates.NicRate;
import org.nicmanager.operator.readings.Rates.VmRate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Turns successive readings into rates: per NIC from {@code nic:list} byte and frame counters, per VM from its virtual
 * NICs' frame counters ({@code vnic:list}) and, when installed, the resource manager's own throughput
 * ({@code net:stats}). Rates span at least {@code windowNanos} of kernel time once that much history exists. Only fed
 * when someone asks; thread-safe.
 */
public final class ThroughputMeter {

    private static final int NIC_TX_BYTES = 0;
    private static final int NIC_RX_BYTES = 1;
    private static final int NIC_TX_FRAMES = 2;
    private static final int NIC_RX_FRAMES = 3;
    private static final int VM_TX_FRAMES = 0;
    private static final int VM_RX_FRAMES = 1;
    private static final double NANOS_PER_SECOND = 1e9;

    /** Counters of one reading; {@code time} orders readings, the other two time the two documents. */
    private record Counters(long time, long nicsTime, Map<String, long[]> nics, long vmsTime,
            Map<String, long[]> vms) {
    }

    private final long windowNanos;
    private final ArrayDeque<Counters> history = new ArrayDeque<>();
    private Rates last = Rates.NONE;

    public ThroughputMeter(long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("a rate window must be above 0 ns, not " + windowNanos);
        }
        this.windowNanos = windowNanos;
    }

    public synchronized Rates update(Reading reading) {
        Counters now = new Counters(reading.time(), reading.nicsTime(), nicCounters(reading.nics()),
                reading.vnicsTime(), vmCounters(reading.vnics()));
        if (!history.isEmpty() && history.peekLast().time() >= now.time()) {
            return withResourceRates(last, reading.netStats()); // the clock has not moved (virtual time)
        }
        history.addLast(now);
        Counters base = base(now.time());
        if (base == null) {
            return withResourceRates(last, reading.netStats());
        }
        double seconds = (now.nicsTime() - base.nicsTime()) / NANOS_PER_SECOND;
        double vmSeconds = (now.vmsTime() - base.vmsTime()) / NANOS_PER_SECOND;
        Map<String, NicRate> nics = new TreeMap<>();
        now.nics().forEach((name, counters) -> {
            long[] before = base.nics().getOrDefault(name, new long[4]);
            nics.put(name, new NicRate(perSecond(counters, before, NIC_TX_BYTES, seconds) * Byte.SIZE,
                    perSecond(counters, before, NIC_RX_BYTES, seconds) * Byte.SIZE,
                    perSecond(counters, before, NIC_TX_FRAMES, seconds),
                    perSecond(counters, before, NIC_RX_FRAMES, seconds)));
        });
        Map<String, VmRate> vms = new TreeMap<>();
        now.vms().forEach((name, counters) -> {
            long[] before = base.vms().getOrDefault(name, new long[2]);
            vms.put(name, new VmRate(perSecond(counters, before, VM_TX_FRAMES, vmSeconds),
                    perSecond(counters, before, VM_RX_FRAMES, vmSeconds), null, null));
        });
        last = new Rates(now.time() - base.time(), nics, vms);
        return withResourceRates(last, reading.netStats());
    }

    /** The newest reading at least a window older than {@code now}, else the oldest; forgets older ones. */
    private Counters base(long now) {
        while (history.size() > 2) {
            Iterator<Counters> it = history.iterator();
            it.next();
            if (now - it.next().time() < windowNanos) {
                break;
            }
            history.removeFirst();
        }
        return history.size() > 1 ? history.peekFirst() : null;
    }

    private static double perSecond(long[] now, long[] before, int index, double seconds) {
        return seconds <= 0 ? 0 : Math.max(0, now[index] - before[index]) / seconds;
    }

    /** The resource manager's per-VM throughput, when {@code net:stats} is installed, added to the VM rates. */
    private static Rates withResourceRates(Rates rates, JsonObject netStats) {
        if (netStats == null || !netStats.has("vms")) {
            return rates;
        }
        Map<String, VmRate> vms = new TreeMap<>(rates.vms());
        for (JsonElement element : netStats.getAsJsonArray("vms")) {
            JsonObject vm = element.getAsJsonObject();
            String name = vm.get("name").getAsString();
            VmRate frames = vms.getOrDefault(name, new VmRate(0, 0, null, null));
            vms.put(name, new VmRate(frames.txFps(), frames.rxFps(), number(vm, "throughputBps"),
                    number(vm, "offeredBps")));
        }
        return new Rates(rates.windowNanos(), rates.nics(), vms);
    }

    private static Double number(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsDouble();
    }

    private static Map<String, long[]> nicCounters(JsonObject nicList) {
        Map<String, long[]> counters = new TreeMap<>();
        if (nicList != null && nicList.has("nics")) {
            for (JsonElement element : nicList.getAsJsonArray("nics")) {
                JsonObject nic = element.getAsJsonObject();
                counters.put(nic.get("name").getAsString(), new long[] {nic.get("txBytes").getAsLong(),
                    nic.get("rxBytes").getAsLong(), nic.get("txFrames").getAsLong(), nic.get("rxFrames").getAsLong()});
            }
        }
        return counters;
    }

    /** Frames per VM, summed over its virtual NICs. */
    private static Map<String, long[]> vmCounters(JsonObject vnicList) {
        Map<String, long[]> counters = new TreeMap<>();
        if (vnicList != null && vnicList.has("vnics")) {
            for (JsonElement element : vnicList.getAsJsonArray("vnics")) {
                JsonObject vnic = element.getAsJsonObject();
                long[] sum = counters.computeIfAbsent(vnic.get("vm").getAsString(), vm -> new long[2]);
                sum[VM_TX_FRAMES] += vnic.get("txFrames").getAsLong();
                sum[VM_RX_FRAMES] += vnic.get("rxFrames").getAsLong();
            }
        }
        return counters;
    }
}
