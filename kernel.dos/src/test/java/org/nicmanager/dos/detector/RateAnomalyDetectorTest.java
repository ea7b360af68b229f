package org.nicmanager.dos.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.dos.ParsedFrame;
import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.frame.FrameHeaders;

class RateAnomalyDetectorTest {

    private final DetectorRig rig = new DetectorRig();
    private final RateAnomalyDetector detector = new RateAnomalyDetector(
            DetectorRig.config(RateAnomalyDetector.Config.class, Map.of()), Map.of(), rig.world,
            rig.configurations.admin(), rig.events, rig.logger);
    /** 10 Mb/s of 1000-byte frames is 12.5 frames per 10 ms. */
    private final ParsedFrame normal = ParsedFrame.udp(1000, 9);
    /** The flood's minimum-size frames. */
    private final ParsedFrame flood = ParsedFrame.udp(60, 9);

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void fiveTimesTheLearnedLoadIsAnAnomalySeenWithinTheWindow() {
        DetectorWatch watch = rig.watch(detector);
        assertEquals(-1, rig.feed(watch, 200, new int[] {12, 0}, normal, flood), "2 s of normal load");
        long floodStartMs = rig.nowMs;
        // 40 Mb/s more in 60-byte frames: five times the bytes, far more frames.
        long detectedMs = rig.feed(watch, 50, new int[] {12, 833}, normal, flood);
        assertTrue(detectedMs > 0 && detectedMs - floodStartMs <= 60, "detected " + (detectedMs - floodStartMs)
                + " ms after the flood began");
        assertTrue(rig.world.call(watch::describe).contains("baseline"), rig.world.call(watch::describe));
        assertTrue(rig.world.call(() -> watch.count(flood.headers(), flood.frame())), "a frame during the attack is"
                + " suspicious");
    }

    @Test
    void aDownloadTheTargetAcknowledgesIsNoAnomalyButTheSameRateOfSynsOrRstsIs() {
        ParsedFrame established = ParsedFrame.tcp(FrameHeaders.TCP_ACK | 0x08); // ACK and PSH: a data segment
        DetectorWatch watch = rig.watch(detector);
        assertEquals(-1, rig.feed(watch, 200, new int[] {12, 0}, normal, established), "2 s of normal load");
        assertEquals(-1, rig.feed(watch, 100, new int[] {12, 2_000}, normal, established),
                "200,000 established segments a second: what the target acknowledges, not an attack");

        DetectorWatch syns = rig.watch(detector);
        rig.feed(syns, 200, new int[] {12, 0}, normal, ParsedFrame.tcp(FrameHeaders.TCP_SYN));
        assertTrue(rig.feed(syns, 100, new int[] {12, 2_000}, normal, ParsedFrame.tcp(FrameHeaders.TCP_SYN)) > 0);
        DetectorWatch resets = rig.watch(detector);
        ParsedFrame reset = ParsedFrame.tcp(FrameHeaders.TCP_ACK | FrameHeaders.TCP_RST);
        rig.feed(resets, 200, new int[] {12, 0}, normal, reset);
        assertTrue(rig.feed(resets, 100, new int[] {12, 2_000}, normal, reset) > 0);
    }

    @Test
    void theNormalLoadStaysNormalAndTheBaselineIsNotLearnedFromAnAttack() {
        DetectorWatch watch = rig.watch(detector);
        assertEquals(-1, rig.feed(watch, 300, new int[] {13, 0}, normal, flood));
        assertTrue(rig.feed(watch, 300, new int[] {13, 833}, normal, flood) > 0);
        // Three seconds of flood did not teach the baseline that floods are normal: still an attack.
        assertTrue(rig.world.call(() -> watch.assess((rig.nowMs + 10) * DetectorRig.MS)));
        // Once the flood stops, the rate falls back within a window and the attack is over.
        rig.feed(watch, 10, new int[] {13, 0}, normal, flood);
        assertEquals(-1, rig.feed(watch, 10, new int[] {13, 0}, normal, flood));
    }

    @Test
    void aRateAboveTheThresholdIsAnAttackBeforeAnyBaselineIsLearned() {
        detector.tune(new DetectorOptions("100kpps", null, null, null, null, null, null));
        DetectorWatch watch = rig.watch(detector);
        assertTrue(rig.feed(watch, 10, new int[] {0, 2_000}, normal, flood) > 0, "200 kpps from the start");
    }

    @Test
    void aThresholdOfZeroOrLessIsRefusedAndChangesNothing() {
        DetectorView before = detector.view();
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions("0pps", null, null, null, null, null, null)));
        assertEquals("bad --threshold '0pps': must be above 0", zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions("-5Mbps", null, null, null, null, null, null)));
        assertTrue(negative.getMessage().contains("-5Mbps"), negative.getMessage());
        IllegalArgumentException multiple = assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions(null, "1", null, null, null, null, null)));
        assertEquals("bad --multiple '1': a number above 1, e.g. 4", multiple.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions(null, null, null, null, null, "80", null)));
        assertEquals(before, detector.view());
        assertTrue(rig.configurations.stored.isEmpty(), "nothing stored");
    }

    @Test
    void aTuningIsInForceAtOnceAndItsOwnConfigurationEventIsNotNewer() {
        DetectorView tuned = detector.tune(new DetectorOptions("50Mbps", "3", null, "20ms", null, null, null));
        assertEquals(50_000_000L, tuned.settings().get("thresholdBitsPerSecond"));
        assertEquals(3.0, tuned.settings().get("baselineMultiple"));
        assertEquals(20L, tuned.settings().get("windowMs"));
        long revision = (Long) rig.configurations.stored.get(RateAnomalyDetector.PID).get("revision");
        // The configuration event of that very write comes after it: not newer, ignored.
        configure(Map.of("revision", revision));
        assertEquals(tuned, detector.view());
        // A file written by hand (no revision) applies; a bad one is logged and changes nothing.
        configure(Map.of("windowMs", 80L));
        assertEquals(80L, detector.view().settings().get("windowMs"));
        configure(Map.of("thresholdBitsPerSecond", 0L));
        assertEquals(80L, detector.view().settings().get("windowMs"));
        assertEquals(1, rig.errors.size(), rig.errors.toString());
    }

    private void configure(Map<String, Object> values) {
        detector.modified(DetectorRig.config(RateAnomalyDetector.Config.class, values), values);
    }
}
