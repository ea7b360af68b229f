package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;

/** The spacing of guest workloads, measured on the virtual clock: frames are timed where they reach the uplink. */
class GuestTrafficPatternsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long HOST_MAC = 0x02_00_00_00_99_01L;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final RecordingUplink uplink = new RecordingUplink(world, false);
    private final EmulatedNic nic = new EmulatedNic("vm-0", 0x02_00_00_00_00_01L, VnicModel.E1000, 3,
            new FramePool(64, 9022), world, frame -> frame.release());

    @AfterEach
    void stop() {
        world.close();
    }

    private GuestTraffic start(GuestPattern pattern, long rateBps, int frameBytes, long frames, int burstFrames,
            long seed) {
        WorkloadSpec spec = new WorkloadSpec(HOST_MAC, pattern, rateBps, frameBytes, 1, frames, burstFrames);
        return world.call(() -> {
            nic.connect(uplink);
            GuestTraffic traffic = new GuestTraffic(world, nic.name(), pattern.stream(nic, spec),
                    pattern.pacing(spec, nic.model().lineRateBps(), new SplittableRandom(seed)), 1, frames);
            traffic.start();
            return traffic;
        });
    }

    @Test
    void cbrSendsExactlyItsCountAtEqualGaps() {
        // 1000-byte frames at 3 Mb/s: a gap of 2666.67 us, which no whole number of nanoseconds is.
        GuestTraffic traffic = start(GuestPattern.CBR, 3_000_000, 1000, 3000, 32, 1);
        world.advance(2 * SECOND - 1); // an advance includes its end: frame 750 leaves at exactly 2 s
        assertEquals(750, uplink.count(), "what 2 s hold at the rate");
        world.advance(10 * SECOND);
        assertEquals(3000, uplink.count());
        assertFalse(world.call(traffic::running));
        // The remainder is carried: frame 3 leaves at exactly 8 ms, frame 2999 at 7.9973 s (rounded down).
        assertEquals(8_000_000, uplink.time(3));
        assertEquals(2999 * 8_000_000_000L / 3000, uplink.time(2999));
        assertEquals(3000, world.call(nic::counters).txFrames());
    }

    @Test
    void aPausedWorkloadSendsNothingAndThenContinuesWithTheSameFramesShiftedByThePause() {
        GuestTraffic traffic = start(GuestPattern.CBR, 8_000_000, 1000, 100, 32, 1); // a frame every 1 ms
        world.advance(10_500_000); // frames 0..10 left; frame 11 is due at 11 ms, in 0.5 ms
        world.run(traffic::pause);
        world.advance(50 * 1_000_000L);
        assertEquals(11, uplink.count(), "nothing while paused");
        assertTrue(world.call(traffic::paused));
        world.run(traffic::resume);
        world.advance(499_999);
        assertEquals(11, uplink.count());
        world.advance(1);
        assertEquals(12, uplink.count(), "the frame due 0.5 ms after the pause leaves 0.5 ms after the resume");
        world.advance(SECOND);
        assertEquals(100, uplink.count(), "every frame once: none lost to the pause, none sent twice");
        assertFalse(world.call(traffic::running));
    }

    @Test
    void burstsLeaveAtLineRateAndAverageTheRateWithinOnePercent() {
        // 100 Mb/s on average in bursts of 32 1000-byte frames at the e1000's 1 Gb/s: 8 us apart, then 2.304 ms idle.
        start(GuestPattern.BURST, 100_000_000, 1000, Long.MAX_VALUE, 32, 1);
        world.advance(10 * SECOND - 1);
        long[] times = uplink.times();
        assertEquals(8_000, times[1] - times[0], "back to back at line rate");
        assertEquals(8_000, times[31] - times[30]);
        assertEquals(2_560_000 - 31 * 8_000, times[32] - times[31], "idle until the next burst is due");
        long expected = 100_000_000L * 10 / 8000; // 125,000 frames in 10 s
        assertTrue(Math.abs(times.length - expected) <= expected / 100, times.length + " frames, not ~" + expected);
        assertEquals(0, times.length % 32, "10 s hold whole bursts: " + times.length);
    }

    @Test
    void burstsCannotAverageMoreThanTheLineRate() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new BurstPacing(8000, 2_000_000_000L, 1_000_000_000L, 32));
        assertTrue(refused.getMessage().contains("2000000000"), refused.getMessage());
    }

    @Test
    void poissonGapsHaveTheMeanOfTheRateWithinTwoPercent() {
        // 1000-byte frames at 100 Mb/s: a mean gap of 80 us; 100,000 frames should take about 8 s.
        start(GuestPattern.POISSON, 100_000_000, 1000, 100_001, 32, 42);
        world.advance(20 * SECOND);
        long[] times = uplink.times();
        assertEquals(100_001, times.length);
        double meanGap = (double) (times[100_000] - times[0]) / 100_000;
        assertTrue(Math.abs(meanGap - 80_000) <= 80_000 * 0.02, "mean gap " + meanGap + " ns");
        double squares = 0;
        for (int i = 1; i < times.length; i++) {
            double deviation = times[i] - times[i - 1] - meanGap;
            squares += deviation * deviation;
        }
        double deviation = Math.sqrt(squares / 100_000);
        assertTrue(Math.abs(deviation - meanGap) <= meanGap * 0.05,
                "exponential gaps deviate by their mean: " + deviation + " vs " + meanGap);
    }

    @Test
    void poissonIsTheSameForTheSameSeedAndDiffersForAnother() {
        assertArrayEquals(poissonTimes(7), poissonTimes(7));
        assertFalse(java.util.Arrays.equals(poissonTimes(7), poissonTimes(8)));
    }

    private static long[] poissonTimes(long seed) {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
            throw new AssertionError(failure);
        })) {
            RecordingUplink uplink = new RecordingUplink(world, false);
            EmulatedNic nic = new EmulatedNic("vm-0", 2, VnicModel.E1000, 0, new FramePool(8, 9022), world,
                    frame -> frame.release());
            WorkloadSpec spec = new WorkloadSpec(HOST_MAC, GuestPattern.POISSON, 10_000_000, 500, 1, 1000, 32);
            world.run(() -> {
                nic.connect(uplink);
                new GuestTraffic(world, nic.name(), GuestPattern.POISSON.stream(nic, spec),
                        GuestPattern.POISSON.pacing(spec, 0, new SplittableRandom(seed)), 1, 1000).start();
            });
            world.advance(10 * SECOND);
            assertEquals(1000, uplink.count());
            return uplink.times();
        }
    }
}
