package org.nicmanager.dos.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.dos.ParsedFrame;
import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/** The SYN flood, broadcast storm and signature detectors. */
class FrameKindDetectorsTest {

    private final DetectorRig rig = new DetectorRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void synsAboveTheThresholdAreAFloodAndOtherSegmentsDoNotCount() {
        SynFloodDetector detector = new SynFloodDetector(DetectorRig.config(SynFloodDetector.Config.class, Map.of()), Map.of(),
                rig.world, rig.configurations.admin(), rig.events, rig.logger);
        DetectorWatch watch = rig.watch(detector);
        ParsedFrame syn = ParsedFrame.tcp(FrameHeaders.TCP_SYN);
        ParsedFrame synAck = ParsedFrame.tcp(FrameHeaders.TCP_SYN | FrameHeaders.TCP_ACK);
        assertEquals(-1, rig.feed(watch, 50, new int[] {10, 500}, syn, synAck), "1,000 SYNs/s, 50,000 SYN-ACKs/s");
        long start = rig.nowMs;
        long detected = rig.feed(watch, 20, new int[] {200, 0}, syn, synAck); // 20,000 SYNs/s
        assertTrue(detected > 0 && detected - start <= 20, "after " + (detected - start) + " ms");
        assertTrue(rig.world.call(() -> watch.count(syn.headers(), syn.frame())), "a SYN in a flood is suspicious");
        assertFalse(rig.world.call(() -> watch.count(synAck.headers(), synAck.frame())));
        assertTrue(rig.world.call(watch::describe).contains("TCP SYNs/s"), rig.world.call(watch::describe));
    }

    @Test
    void broadcastsAboveTheThresholdAreAStorm() {
        BroadcastStormDetector detector = new BroadcastStormDetector(
                DetectorRig.config(BroadcastStormDetector.Config.class, Map.of()), Map.of(), rig.world,
                rig.configurations.admin(), rig.events, rig.logger);
        DetectorWatch watch = rig.watch(detector);
        ParsedFrame broadcast = ParsedFrame.broadcast();
        ParsedFrame unicast = ParsedFrame.udp(60, 9);
        assertEquals(-1, rig.feed(watch, 50, new int[] {20, 5_000}, broadcast, unicast));
        assertTrue(rig.feed(watch, 20, new int[] {100, 0}, broadcast, unicast) > 0, "10,000 broadcasts/s");
    }

    @Test
    void theThresholdOfAFrameKindDetectorMustBeAboveZero() {
        SynFloodDetector detector = new SynFloodDetector(DetectorRig.config(SynFloodDetector.Config.class, Map.of()), Map.of(),
                rig.world, rig.configurations.admin(), rig.events, rig.logger);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions("0pps", null, null, null, null, null, null)));
        assertEquals("bad --threshold '0pps': must be above 0", refused.getMessage());
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions("5Mbps", null, null, null, null, null, null)));
        assertTrue(bits.getMessage().contains("frames per second"), bits.getMessage());
        IllegalArgumentException notForIt = assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions(null, "3", null, null, null, null, null)));
        assertEquals("--multiple 3 does not apply to the syn detector; see help dos:detector",
                notForIt.getMessage());
        assertEquals(SynFloodDetector.DEFAULT_THRESHOLD_FRAMES_PER_SECOND,
                detector.view().settings().get("thresholdFramesPerSecond"));
    }

    @Test
    void aFrameToAListedPortOrCarryingAPatternIsSuspiciousAtOnceAndAnAttackForTheWindow() {
        SignatureDetector detector = new SignatureDetector(DetectorRig.config(SignatureDetector.Config.class,
                Map.of()), Map.of(), rig.world, rig.configurations.admin(), rig.events, rig.logger);
        ParsedFrame toPort = ParsedFrame.udp(200, 31_337);
        ParsedFrame other = ParsedFrame.udp(200, 9);
        DetectorWatch idle = rig.watch(detector);
        assertFalse(rig.world.call(() -> idle.count(toPort.headers(), toPort.frame())), "nothing configured");

        detector.tune(new DetectorOptions(null, null, null, "100ms", null, "31337,8080", "DEADBEEF"));
        DetectorWatch watch = rig.watch(detector);
        assertTrue(rig.world.call(() -> watch.count(toPort.headers(), toPort.frame())));
        assertFalse(rig.world.call(() -> watch.count(other.headers(), other.frame())));
        other.frame().data()[100] = (byte) 0xDE;
        other.frame().data()[101] = (byte) 0xAD;
        other.frame().data()[102] = (byte) 0xBE;
        other.frame().data()[103] = (byte) 0xEF;
        assertTrue(rig.world.call(() -> watch.count(other.headers(), other.frame())), "the pattern in the payload");

        assertTrue(rig.feed(watch, 1, new int[] {0}, toPort) > 0, "matched within the window");
        assertTrue(rig.feed(watch, 9, new int[] {0}, toPort) > 0);
        assertEquals(-1, rig.feed(watch, 1, new int[] {0}, toPort), "100 ms without a match");
        assertTrue(rig.world.call(watch::describe).contains("[31337, 8080]"), rig.world.call(watch::describe));
    }

    @Test
    void badSignaturesAreRefusedByValue() {
        SignatureDetector detector = new SignatureDetector(DetectorRig.config(SignatureDetector.Config.class,
                Map.of()), Map.of(), rig.world, rig.configurations.admin(), rig.events, rig.logger);
        assertEquals("bad port 70000: a TCP or UDP port is 0..65535", assertThrows(IllegalArgumentException.class,
                () -> detector.tune(new DetectorOptions(null, null, null, null, null, "70000", null))).getMessage());
        assertEquals("bad pattern 'XYZ': bytes in hex, two digits each, e.g. 4E494353",
                assertThrows(IllegalArgumentException.class, () -> detector.tune(
                        new DetectorOptions(null, null, null, null, null, null, "XYZ"))).getMessage());
        assertEquals("--threshold 5kpps does not apply to the signature detector; see help dos:detector",
                assertThrows(IllegalArgumentException.class, () -> detector.tune(
                        new DetectorOptions("5kpps", null, null, null, null, null, null))).getMessage());
    }
}
