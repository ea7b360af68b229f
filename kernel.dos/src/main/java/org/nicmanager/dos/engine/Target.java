package org.nicmanager.dos.engine;

import java.util.List;

import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.dos.DosDetector;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/**
 * One VM or uplink under watch: a watch of every detector, and for each the attack going on now, if any. The frame path
 * only counts ({@link #count}); the engine's timer assesses ({@link #assess}). World thread.
 */
final class Target {

    private final DosTarget id;
    private DosDetector[] detectors = new DosDetector[0];
    private DetectorWatch[] watches = new DetectorWatch[0];
    private Detection[] active = new Detection[0];
    /** Per detector: kernel time of the first quiet assessment since its attack, or -1. */
    private long[] quietSinceNanos = new long[0];
    /** How long a suspicious frame's interrupt is held for this VM ([0130]); 0 for none, and for uplinks. */
    private long holdNanos;

    Target(DosTarget id) {
        this.id = id;
    }

    DosTarget id() {
        return id;
    }

    long holdNanos() {
        return holdNanos;
    }

    void setHoldNanos(long holdNanos) {
        this.holdNanos = holdNanos;
    }

    /** Frame path: counts the frame with every watch; true when any finds it suspicious. */
    boolean count(FrameHeaders headers, FrameBuffer frame) {
        DetectorWatch[] current = watches;
        boolean suspicious = false;
        for (DetectorWatch watch : current) {
            suspicious |= watch.count(headers, frame);
        }
        return suspicious;
    }

    /**
     * The detectors changed: a detector that stays keeps its watch and attack, a new one gets a watch, and the attack
     * of one that left ends now (added to {@code ended}).
     */
    void detectorsChanged(List<DosDetector> now, long nowNanos, List<Detection> ended) {
        DetectorWatch[] nextWatches = new DetectorWatch[now.size()];
        Detection[] nextActive = new Detection[now.size()];
        long[] nextQuiet = new long[now.size()];
        for (int i = 0; i < nextWatches.length; i++) {
            int was = indexOf(now.get(i));
            nextWatches[i] = was < 0 ? now.get(i).watch(id) : watches[was];
            nextActive[i] = was < 0 ? null : active[was];
            nextQuiet[i] = was < 0 ? -1 : quietSinceNanos[was];
        }
        for (int i = 0; i < detectors.length; i++) {
            if (!now.contains(detectors[i]) && active[i] != null) {
                active[i].end(nowNanos, "its detector was removed");
                ended.add(active[i]);
            }
        }
        detectors = now.toArray(new DosDetector[0]);
        active = nextActive;
        quietSinceNanos = nextQuiet;
        watches = nextWatches;
    }

    /**
     * Asks every watch; an attack that appears is added to {@code started}, and one quiet for
     * {@code endAfterQuietNanos} is ended as of its first quiet assessment and added to {@code ended}.
     */
    void assess(long nowNanos, long endAfterQuietNanos, List<Detection> started, List<Detection> ended) {
        for (int i = 0; i < watches.length; i++) {
            boolean attacked = watches[i].assess(nowNanos);
            if (attacked) {
                quietSinceNanos[i] = -1;
                if (active[i] == null) {
                    active[i] = new Detection(id, detectors[i].kind(), nowNanos, watches[i].describe());
                    started.add(active[i]);
                }
            } else if (active[i] != null) {
                if (quietSinceNanos[i] < 0) {
                    quietSinceNanos[i] = nowNanos;
                }
                if (nowNanos - quietSinceNanos[i] >= endAfterQuietNanos) {
                    active[i].end(quietSinceNanos[i], watches[i].describe());
                    ended.add(active[i]);
                    active[i] = null;
                    quietSinceNanos[i] = -1;
                }
            }
        }
    }

    /** True while any detector sees an attack on this target. */
    boolean underAttack() {
        for (Detection detection : active) {
            if (detection != null) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(DosDetector detector) {
        for (int i = 0; i < detectors.length; i++) {
            if (detectors[i] == detector) {
                return i;
            }
        }
        return -1;
    }
}
