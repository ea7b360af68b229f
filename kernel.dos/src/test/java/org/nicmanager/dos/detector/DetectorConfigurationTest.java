package org.nicmanager.dos.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.service.event.Event;

/**
 * A detector's configuration written by hand: every value is checked against both its bounds, a bad one (even one DS
 * cannot convert) is refused with one log line and one event naming the file, the key, the value and what is allowed,
 * and the detector keeps its last good settings.
 */
class DetectorConfigurationTest {

    private static final String PATH = "/srv/nicmgr/conf/org.nicmanager.dos.detector.rate.cfg";

    private final DetectorRig rig = new DetectorRig();

    @AfterEach
    void close() {
        rig.close();
    }

    private static Map<String, Object> fromFile(Map<String, Object> values) {
        Map<String, Object> properties = new HashMap<>(values);
        properties.put(ConfigurationFiles.FILE_MARK, "file:" + PATH);
        return properties;
    }

    @Test
    void aRateThatIsNotANumberIsRefusedNamingFileKeyValueAndWhatIsAllowed() {
        RateAnomalyDetector detector = new RateAnomalyDetector(DetectorRig.config(RateAnomalyDetector.Config.class,
                Map.of()), Map.of(), rig.world, rig.configurations.admin(), rig.events, rig.logger);
        Map<String, Object> good = fromFile(Map.of("windowMs", 80L));
        detector.modified(DetectorRig.config(RateAnomalyDetector.Config.class, good), good);
        Map<String, Object> bad = fromFile(Map.of("windowMs", 20L, "thresholdFramesPerSecond", "lots"));

        detector.modified(DetectorRig.config(RateAnomalyDetector.Config.class, bad), bad);

        assertEquals(80L, detector.view().settings().get("windowMs"), "the last good settings stay, whole");
        assertEquals(List.of("configuration org.nicmanager.dos.detector.rate (" + PATH + ") refused:"
                + " thresholdFramesPerSecond = \"lots\" is not allowed; allowed: a whole number from 1 to "
                + RateSettings.MAX_FRAMES_PER_SECOND + "; the settings in force stay"), rig.errors);
        assertEquals(1, rig.posted.size());
        Event refused = rig.posted.get(0);
        assertEquals(ConfigurationRefused.TOPIC, refused.getTopic());
        assertEquals(RateAnomalyDetector.PID, refused.getProperty("pid"));
        assertEquals(PATH, refused.getProperty("file"));
        assertEquals("thresholdFramesPerSecond", refused.getProperty("key"));
        assertEquals("\"lots\"", refused.getProperty("value"));
    }

    @Test
    void bothBoundsOfEveryRateAnomalyValueAreChecked() {
        RateAnomalyDetector detector = new RateAnomalyDetector(DetectorRig.config(RateAnomalyDetector.Config.class,
                Map.of()), Map.of(), rig.world, rig.configurations.admin(), rig.events, rig.logger);
        Map<String, List<Object>> bad = Map.of(
                "thresholdFramesPerSecond", List.of(0L, RateSettings.MAX_FRAMES_PER_SECOND + 1),
                "thresholdBitsPerSecond", List.of(0L, RateSettings.MAX_BITS_PER_SECOND + 1),
                "baselineMultiple", List.of(1.0, RateSettings.MAX_BASELINE_MULTIPLE + 1, Double.NaN),
                "baselineFloorFramesPerSecond", List.of(0L, RateSettings.MAX_FRAMES_PER_SECOND + 1),
                "baselineFloorBitsPerSecond", List.of(0L, RateSettings.MAX_BITS_PER_SECOND + 1),
                "learningMs", List.of(0L, RateSettings.MAX_LEARNING_MS + 1),
                "windowMs", List.of(-1L, RateSettings.MAX_WINDOW_MS + 1),
                "revision", List.of(-1L, "new"));
        DetectorView before = detector.view();
        int refusals = 0;
        for (Map.Entry<String, List<Object>> key : bad.entrySet()) {
            for (Object value : key.getValue()) {
                Map<String, Object> properties = Map.of(key.getKey(), value);
                detector.modified(DetectorRig.config(RateAnomalyDetector.Config.class, properties), properties);
                refusals++;
                assertEquals(refusals, rig.posted.size(), key.getKey() + " = " + value);
                assertEquals(key.getKey(), rig.posted.get(refusals - 1).getProperty("key"));
            }
        }
        assertEquals(before, detector.view());
        Map<String, Object> upper = Map.of("windowMs", RateSettings.MAX_WINDOW_MS, "learningMs",
                RateSettings.MAX_LEARNING_MS, "baselineMultiple", RateSettings.MAX_BASELINE_MULTIPLE);
        detector.modified(DetectorRig.config(RateAnomalyDetector.Config.class, upper), upper);
        assertEquals(RateSettings.MAX_WINDOW_MS, detector.view().settings().get("windowMs"), "the bound is allowed");
    }

    @Test
    void aFrameKindDetectorRefusesAWindowOverItsUpperBound() {
        SynFloodDetector detector = new SynFloodDetector(DetectorRig.config(SynFloodDetector.Config.class, Map.of()),
                Map.of(), rig.world, rig.configurations.admin(), rig.events, rig.logger);
        Map<String, Object> bad = Map.of("windowMs", RateSettings.MAX_WINDOW_MS + 1);
        detector.modified(DetectorRig.config(SynFloodDetector.Config.class, bad), bad);
        assertEquals(SynFloodDetector.DEFAULT_WINDOW_MS, detector.view().settings().get("windowMs"));
        assertEquals("configuration org.nicmanager.dos.detector.syn refused: windowMs = 3600001 is not allowed;"
                + " allowed: a whole number from 1 to 3600000; the settings in force stay", rig.errors.get(0));
    }

    @Test
    void theSignatureDetectorBoundsItsPortsAndPatterns() {
        SignatureDetector detector = new SignatureDetector(DetectorRig.config(SignatureDetector.Config.class,
                Map.of()), Map.of(), rig.world, rig.configurations.admin(), rig.events, rig.logger);
        Map<String, Object> good = Map.of("ports", new int[] {0, 65_535}, "patternsHex", new String[] {"4E49"});
        detector.modified(DetectorRig.config(SignatureDetector.Config.class, good), good);
        List<Map<String, Object>> bad = List.of(
                Map.of("ports", new int[] {65_536}),
                Map.of("ports", new int[] {-1}),
                Map.of("ports", new int[SignatureSettings.MAX_PORTS + 1]),
                Map.of("ports", "http"),
                Map.of("patternsHex", new String[] {"XY"}),
                Map.of("patternsHex", new String[] {""}),
                Map.of("patternsHex", new String[] {"00".repeat(SignatureSettings.MAX_PATTERN_BYTES + 1)}),
                Map.of("patternsHex", new String[SignatureSettings.MAX_PATTERNS + 1]),
                Map.of("windowMs", 0L));
        for (Map<String, Object> properties : bad) {
            detector.modified(DetectorRig.config(SignatureDetector.Config.class, properties), properties);
        }
        assertEquals(bad.size(), rig.posted.size(), String.valueOf(rig.errors));
        assertEquals(List.of(0, 65_535), detector.view().settings().get("ports"), "the last good settings stay");
        assertEquals("ports", rig.posted.get(0).getProperty("key"));
        assertEquals("[65536]", rig.posted.get(0).getProperty("value"));
        assertEquals("\"http\"", rig.posted.get(3).getProperty("value"));
        assertEquals("patternsHex", rig.posted.get(4).getProperty("key"));
    }
}
