package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.Decision;
import org.nicmanager.kernel.api.resource.UplinkScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.resource.allocation.WireBytes;
import org.nicmanager.testsupport.ManualScheduler;

/**
 * A guest sending at a constant rate (counted in wire bits) through one virtual NIC port, on a kernel timer; it counts
 * the scheduler's decisions.
 */
final class TrafficSource {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ManualScheduler clock;
    private final FramePool pool;
    private final UplinkScheduler scheduler;
    private final int port;
    private final int frameBytes;
    private final Timer timer;
    private long rateBps;
    private long remainder;
    long offered;
    long sent;
    long queued;
    long dropped;
    long poolMisses;

    TrafficSource(ManualScheduler clock, FramePool pool, UplinkScheduler scheduler, int port, int frameBytes,
            long rateBps) {
        this.clock = clock;
        this.pool = pool;
        this.scheduler = scheduler;
        this.port = port;
        this.frameBytes = frameBytes;
        this.rateBps = rateBps;
        this.timer = clock.newTimer("source " + port, this::sendOne);
    }

    void start() {
        timer.armAt(clock.nanoTime());
    }

    void stop() {
        timer.cancel();
    }

    void rate(long bps) {
        this.rateBps = bps;
    }

    private void sendOne() {
        FrameBuffer frame = pool.acquire();
        if (frame == null) {
            poolMisses++;
        } else {
            frame.setLength(frameBytes);
            frame.setSourcePort(port);
            offered++;
            Decision decision = scheduler.offer(frame);
            switch (decision) {
                case SEND -> sent++;
                case QUEUE -> queued++;
                case DROP -> dropped++;
            }
        }
        long scaled = WireBytes.of(frameBytes) * 8L * NANOS_PER_SECOND + remainder;
        long gap = scaled / rateBps;
        remainder = scaled - gap * rateBps;
        timer.armAt(timer.deadlineNanos() + gap);
    }
}
