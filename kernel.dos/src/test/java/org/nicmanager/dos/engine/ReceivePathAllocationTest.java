package org.nicmanager.dos.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.dos.ParsedFrame;
import org.nicmanager.dos.TestDoubles;
import org.nicmanager.dos.detector.BroadcastStormDetector;
import org.nicmanager.dos.detector.DetectorOptions;
import org.nicmanager.dos.detector.RateAnomalyDetector;
import org.nicmanager.dos.detector.SignatureDetector;
import org.nicmanager.dos.detector.SynFloodDetector;
import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.AlerterTestDouble;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/** The frame path of the DoS defence costs no allocation: every detector counts, a signature is searched for. */
class ReceivePathAllocationTest {

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void inspectingFramesDoesNotAllocate() {
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 1_000_000_000L, (timer, failure) -> {
            throw new AssertionError("timer " + timer + " failed", failure);
        })) {
            ConfigurationAdmin admin = new TestDoubles.ConfigurationAdminDouble().admin();
            Logger logger = TestDoubles.logger(new ArrayList<>());
            EventAdmin events = TestDoubles.events(new ArrayList<>());
            SignatureDetector signature = new SignatureDetector(TestDoubles.config(SignatureDetector.Config.class,
                    Map.of()), Map.of(), world, admin, events, logger);
            signature.tune(new DetectorOptions(null, null, null, null, null, "31337", "DEADBEEF,4E49"));
            DosEngine engine = new DosEngine(world, vm -> null, new Responses(Map.of(),
                    new AlerterTestDouble(world::nanoTime)), new AlerterTestDouble(world::nanoTime),
                    EngineSettings.DEFAULTS);
            List<org.nicmanager.kernel.api.dos.DosDetector> detectors = List.of(
                    new RateAnomalyDetector(TestDoubles.config(RateAnomalyDetector.Config.class, Map.of()), Map.of(), world,
                            admin, events, logger),
                    new SynFloodDetector(TestDoubles.config(SynFloodDetector.Config.class, Map.of()), Map.of(), world, admin, events,
                            logger),
                    new BroadcastStormDetector(TestDoubles.config(BroadcastStormDetector.Config.class, Map.of()), Map.of(),
                            world, admin, events, logger), signature);
            ReceiveTap tap = world.call(() -> {
                engine.detectorsChanged(detectors);
                return engine.attach("a-0", "a", "bond1");
            });
            ParsedFrame[] frames = {ParsedFrame.udp(1000, 9), ParsedFrame.udp(60, 31_337), ParsedFrame.broadcast(),
                ParsedFrame.tcp(FrameHeaders.TCP_SYN)};
            long[] held = new long[1];
            Runnable burst = () -> {
                for (int i = 0; i < 200_000; i++) {
                    ParsedFrame frame = frames[i & 3];
                    held[0] += tap.inspect(frame.headers(), frame.frame());
                }
            };
            world.run(burst); // warm up
            // The least of three bursts: a one-off allocation (the JIT recompiling a method under the test) must not
            // fail it, while a frame path that allocates allocates in every burst.
            long allocated = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3; attempt++) {
                allocated = Math.min(allocated, world.call(() -> {
                    long before = allocatedByThisThread();
                    burst.run();
                    return allocatedByThisThread() - before;
                }));
            }
            assertTrue(held[0] > 0, "the frames to port 31337 were held");
            assertTrue(allocated < 1_024, allocated + " bytes allocated for 200,000 frames");
        }
    }
}
