package org.nicmanager.operator.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ThroughputMeterTest {

    private static final long SECOND = 1_000_000_000L;

    /** A reading at {@code seconds} with one NIC and one VM (two virtual NICs) whose counters are given. */
    private static Reading reading(double seconds, long nicTxBytes, long nicTxFrames, long vnic0Frames,
            long vnic1Frames, String netStats) {
        long time = (long) (seconds * SECOND);
        JsonObject nics = JsonParser.parseString("{\"nics\":[{\"name\":\"vmnic0\",\"txBytes\":" + nicTxBytes
                + ",\"rxBytes\":0,\"txFrames\":" + nicTxFrames + ",\"rxFrames\":0}]}").getAsJsonObject();
        JsonObject vnics = JsonParser.parseString("{\"vnics\":[{\"vm\":\"web\",\"txFrames\":" + vnic0Frames
                + ",\"rxFrames\":0},{\"vm\":\"web\",\"txFrames\":" + vnic1Frames + ",\"rxFrames\":"
                + vnic1Frames / 2 + "}]}")
                .getAsJsonObject();
        JsonObject stats = netStats == null ? null : JsonParser.parseString(netStats).getAsJsonObject();
        return new Reading(time, "VIRTUAL", nics, time, null, null, vnics, time, stats, null, List.of());
    }

    @Test
    void ratesAreCounterDifferencesOverKernelTime() {
        ThroughputMeter meter = new ThroughputMeter(2 * SECOND);
        assertEquals(Rates.NONE, meter.update(reading(0, 0, 0, 0, 0, null)), "one reading gives no rate");

        Rates rates = meter.update(reading(2, 250_000_000, 200_000, 1_000, 3_000, null));
        assertEquals(2 * SECOND, rates.windowNanos());
        assertEquals(1e9, rates.nics().get("vmnic0").txBps(), 1e-6);
        assertEquals(100_000, rates.nics().get("vmnic0").txFps(), 1e-9);
        assertEquals(2_000, rates.vms().get("web").txFps(), 1e-9, "a VM's frames are its virtual NICs' summed");
        assertEquals(750, rates.vms().get("web").rxFps(), 1e-9);
        assertNull(rates.vms().get("web").throughputBps(), "no net:stats, no bits per second");
    }

    @Test
    void theWindowSlidesAndAStoppedClockKeepsTheLastRates() {
        ThroughputMeter meter = new ThroughputMeter(2 * SECOND);
        meter.update(reading(0, 0, 0, 0, 0, null));
        meter.update(reading(1, 0, 0, 100, 0, null));
        meter.update(reading(2, 0, 0, 200, 0, null));
        Rates rates = meter.update(reading(4, 0, 0, 1_200, 0, null));
        assertEquals(2 * SECOND, rates.windowNanos(), "the newest reading a window old is the base");
        assertEquals(500, rates.vms().get("web").txFps(), 1e-9);
        assertEquals(rates, meter.update(reading(4, 0, 0, 1_200, 0, null)));
    }

    @Test
    void theResourceManagersThroughputIsTakenAsItIs() {
        ThroughputMeter meter = new ThroughputMeter(SECOND);
        meter.update(reading(0, 0, 0, 0, 0, null));
        Rates rates = meter.update(reading(1, 0, 0, 10, 0,
                "{\"vms\":[{\"name\":\"web\",\"throughputBps\":4.0E8,\"offeredBps\":5.0E8}]}"));
        assertEquals(4e8, rates.vms().get("web").throughputBps(), 1e-6);
        assertEquals(5e8, rates.vms().get("web").offeredBps(), 1e-6);
        assertEquals(10, rates.vms().get("web").txFps(), 1e-9);
    }
}
