package org.nicmanager.operator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

class FamiliesTest {

    @Test
    void samplesOfOneNameFormOneFamilyWrittenByTheClientLibrary() throws Exception {
        Families families = new Families();
        families.counter("nicmgr_nic_transmitted_frames", "Frames a NIC put on the wire", 7, "nic", "vmnic0");
        families.counter("nicmgr_nic_transmitted_frames", "Frames a NIC put on the wire", 9, "nic", "vmnic1");
        families.gaugeFrom("nicmgr_bond_queued_frames", "Frames waiting", JsonParser.parseString(
                "{\"queuedFrames\":3}").getAsJsonObject(), "queuedFrames", "bond", "bond0");
        families.gaugeFrom("nicmgr_absent", "not in the document", JsonParser.parseString("{}").getAsJsonObject(),
                "missing");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, families.build(), EscapingScheme.UNDERSCORE_ESCAPING);

        assertEquals(String.join("\n",
                "# HELP nicmgr_bond_queued_frames Frames waiting",
                "# TYPE nicmgr_bond_queued_frames gauge",
                "nicmgr_bond_queued_frames{bond=\"bond0\"} 3.0",
                "# HELP nicmgr_nic_transmitted_frames_total Frames a NIC put on the wire",
                "# TYPE nicmgr_nic_transmitted_frames_total counter",
                "nicmgr_nic_transmitted_frames_total{nic=\"vmnic0\"} 7.0",
                "nicmgr_nic_transmitted_frames_total{nic=\"vmnic1\"} 9.0",
                ""), out.toString(StandardCharsets.UTF_8), "families sorted by name, a field that is absent gives none");
    }
}
