package org.nicmanager.vmm.devices;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A running guest workload: one reusable timer, re-armed for each frame at the deadline its {@link Pacing} gives, the
 * flows taking turns in a {@link GuestStream}. Deadlines are absolute kernel times, each the previous one plus a gap,
 * so a late timer does not shift the rest of the schedule. Nothing is allocated per frame.
 */
final class GuestTraffic {

    private final KernelScheduler scheduler;
    private final GuestStream stream;
    private final Pacing pacing;
    private final int flows;
    private final Timer due;
    private long framesLeft;
    private long nextDueNanos;
    /** While paused: how long the next frame was still due after, when the pause came; -1 when not paused. */
    private long pausedGapNanos = -1;
    private int nextFlow;

    /** @param frames how many frames to send, or {@link Long#MAX_VALUE} for no end */
    GuestTraffic(KernelScheduler scheduler, String vnic, GuestStream stream, Pacing pacing, int flows, long frames) {
        this.scheduler = scheduler;
        this.stream = stream;
        this.pacing = pacing;
        this.flows = flows;
        this.framesLeft = frames;
        this.due = scheduler.newTimer("guest traffic from " + vnic, this::sendOne);
    }

    /** Sends the first frame now. */
    void start() {
        nextDueNanos = scheduler.nanoTime();
        due.armAt(nextDueNanos);
    }

    /** Stops before the end, closing what the stream has open (a TCP session's FIN); nothing once finished. */
    void stop() {
        if (framesLeft > 0) {
            framesLeft = 0;
            pausedGapNanos = -1;
            due.cancel();
            stream.close();
        }
    }

    /**
     * The VM was suspended: nothing is sent until {@link #resume()}, which picks up with the same frame, flow and
     * sequence numbers, so nothing is lost or sent twice.
     */
    void pause() {
        if (framesLeft > 0 && pausedGapNanos < 0) {
            pausedGapNanos = Math.max(0, nextDueNanos - scheduler.nanoTime());
            due.cancel();
        }
    }

    /** The VM runs again: the schedule continues, shifted by the time spent suspended. */
    void resume() {
        if (pausedGapNanos >= 0) {
            nextDueNanos = scheduler.nanoTime() + pausedGapNanos;
            pausedGapNanos = -1;
            due.armAt(nextDueNanos);
        }
    }

    boolean paused() {
        return pausedGapNanos >= 0;
    }

    boolean running() {
        return framesLeft > 0;
    }

    private void sendOne() {
        int flow = nextFlow;
        nextFlow = flow + 1 == flows ? 0 : flow + 1;
        framesLeft--;
        // Flows take turns, so this flow's next turn would come after flows - 1 others: there is none left for it when
        // fewer than flows frames remain.
        stream.send(flow, framesLeft < flows);
        if (framesLeft > 0) {
            nextDueNanos += pacing.nextGapNanos();
            due.armAt(nextDueNanos);
        }
    }
}
