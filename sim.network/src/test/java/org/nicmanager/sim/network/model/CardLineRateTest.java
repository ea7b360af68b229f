package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.SECOND;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.lib.frames.LineRate;
import org.nicmanager.sim.api.NicModel;

/**
 * A card kept saturated for one virtual second carries exactly line rate: wire bytes are the frame plus FCS, padded to
 * 64, plus 20 bytes of preamble and gap. Counted at the card and, through a switch, at a 10 Gb/s host.
 */
class CardLineRateTest {

    static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);
    static final NicModel E100 = new NicModel("e100", "e100sim", 100_000_000L, 1500, 128, 128);

    private SimHarness sim;

    @AfterEach
    void close() {
        if (sim != null) {
            sim.close();
        }
    }

    /** Card txFrames after one saturated second, and the frames a host behind the switch received. */
    private long[] saturateForOneSecond(NicModel model, int frameBytes) {
        sim = new SimHarness();
        TestDriver driver = sim.call(() -> {
            sim.net.addSwitch("sw", 4);
            TestDriver card = new TestDriver(sim.net.createCard("nic0", model, "sw"), 1024);
            sim.net.addHost("sink", "sw", -1, 0, 0);
            return card;
        });
        long sink = sim.macOf("sink");
        sim.run(() -> driver.saturate(sink, frameBytes));
        sim.advance(SECOND);
        long txFrames = sim.call(() -> driver.card.counters().txFrames());
        return new long[] {txFrames, sim.host("sink").rxFrames()};
    }

    private static void assertLineRate(long expected, long[] counted) {
        assertEquals(expected, counted[0], "card txFrames");
        long tolerance = expected / 1000;
        assertTrue(Math.abs(counted[1] - expected) <= tolerance,
                "host received " + counted[1] + " frames, expected " + expected + " +- " + tolerance);
    }

    @Test
    void oneGigabitCarries81274FullSizeFramesASecond() {
        assertLineRate(81_274, saturateForOneSecond(E1000, 1514));
    }

    @Test
    void oneGigabitCarries1488095MinimumFramesASecond() {
        assertLineRate(1_488_095, saturateForOneSecond(E1000, 60));
    }

    @Test
    void oneHundredMegabitCarriesATenthOfThat() {
        assertLineRate(8_127, saturateForOneSecond(E100, 1514));
        sim.close();
        assertLineRate(148_809, saturateForOneSecond(E100, 60));
    }

    @Test
    void wireBytesIncludeFcsPaddingPreambleAndGap() {
        assertEquals(84, LineRate.wireBytes(60));
        assertEquals(84, LineRate.wireBytes(14));
        assertEquals(1538, LineRate.wireBytes(1514));
    }

    @Test
    void serialisationCarriesTheRemainderSoThereIsNoDrift() {
        LineRate tenGigabit = new LineRate(10_000_000_000L);
        long total = 0;
        for (int frame = 0; frame < 1_000; frame++) {
            long nanos = tenGigabit.nanosFor(60);
            assertTrue(nanos == 67 || nanos == 68, "67.2 ns rounds to 67 or 68, not " + nanos);
            total += nanos;
        }
        assertEquals(67_200, total);
    }

    @Test
    void anOddRateIsExactToo() {
        LineRate odd = new LineRate(3_000_000_007L); // a bit is no whole number of picoseconds
        long total = 0;
        for (int frame = 0; frame < 3_000; frame++) {
            total += odd.nanosFor(1514);
        }
        // 3,000 frames of 12,304 bits: 36,912,000 bits at 3,000,000,007 b/s is 12,303,999.97 ns.
        assertEquals(12_303_999, total);
    }
}
