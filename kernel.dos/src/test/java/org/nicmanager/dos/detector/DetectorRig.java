package org.nicmanager.dos.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nicmanager.dos.ParsedFrame;
import org.nicmanager.dos.TestDoubles;
import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/** A world thread, ConfigAdmin and logger test doubles, and a way to feed a watch frames period by period. */
final class DetectorRig implements AutoCloseable {

    static final long MS = 1_000_000L;

    final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 1_000_000_000L, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    final TestDoubles.ConfigurationAdminDouble configurations = new TestDoubles.ConfigurationAdminDouble();
    final List<String> errors = new ArrayList<>();
    final Logger logger = TestDoubles.logger(errors);
    final List<Event> posted = new ArrayList<>();
    final EventAdmin events = TestDoubles.events(posted);
    /** Kernel time of the next assessment, in milliseconds; the rig's own clock (assess takes the time). */
    long nowMs;

    static <A> A config(Class<A> type, Map<String, ?> values) {
        return TestDoubles.config(type, values);
    }

    DetectorWatch watch(TunableDetector detector) {
        return world.call(() -> detector.watch(DosTarget.vm("victim")));
    }

    /**
     * For {@code periods} periods of 10 ms: {@code perPeriod} copies of each frame are counted, then the watch is
     * assessed. @return the kernel time (ms) of the first assessment that said "attack", or -1
     */
    long feed(DetectorWatch watch, int periods, int[] perPeriod, ParsedFrame... frames) {
        return world.call(() -> {
            long firstAttackMs = -1;
            for (int period = 0; period < periods; period++) {
                for (int kind = 0; kind < frames.length; kind++) {
                    for (int i = 0; i < perPeriod[kind]; i++) {
                        watch.count(frames[kind].headers(), frames[kind].frame());
                    }
                }
                nowMs += 10;
                if (watch.assess(nowMs * MS) && firstAttackMs < 0) {
                    firstAttackMs = nowMs;
                }
            }
            return firstAttackMs;
        });
    }

    @Override
    public void close() {
        world.close();
    }
}
