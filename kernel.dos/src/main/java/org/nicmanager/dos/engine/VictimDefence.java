package org.nicmanager.dos.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * One VM's defence through an attack: the escalation through its policy's responses while any attack on it goes on,
 * and, once none has been seen for the policy's quiet time, the undoing of them all, newest first (hysteresis). Attacks
 * that overlap, or follow one another within the quiet time, are one episode. World thread.
 */
final class VictimDefence {

    private final String vm;
    /** The attacks on the VM going on now. */
    private final List<Detection> current = new ArrayList<>();
    /** The responses in force, newest first. */
    private final Deque<AppliedResponse> applied = new ArrayDeque<>();
    private List<String> attackedUplinks = List.of();
    /** How many of the policy's responses were applied in this episode. */
    private int level;
    private long nextEscalationNanos;
    /** When the last attack ended, while none goes on and responses wait to be undone; -1 otherwise. */
    private long quietSinceNanos = -1;

    VictimDefence(String vm) {
        this.vm = vm;
    }

    /** An attack on the VM began; {@code uplinks} are the VM's uplinks now (kept for the episode's first attack). */
    void started(Detection detection, long nowNanos, List<String> uplinks) {
        if (!inEpisode()) {
            attackedUplinks = List.copyOf(uplinks);
            nextEscalationNanos = nowNanos;
        }
        current.add(detection);
        quietSinceNanos = -1;
        applied.forEach(detection::add); // what already protects the VM protects it against this attack too
    }

    void ended(Detection detection, long nowNanos) {
        current.remove(detection);
        if (current.isEmpty()) {
            quietSinceNanos = nowNanos;
        }
    }

    /**
     * Escalates while attacked, or undoes everything once quiet long enough.
     *
     * @param victim the victim as responses see it, given the uplinks attacked
     */
    void tick(long nowNanos, DosPolicy policy, Function<List<String>, Victim> victim, Responses responses) {
        if (!current.isEmpty()) {
            while (level < policy.responses().size() && nowNanos >= nextEscalationNanos) {
                AppliedResponse response = responses.apply(policy.responses().get(level), victim.apply(attackedUplinks),
                        nowNanos);
                applied.push(response);
                current.forEach(detection -> detection.add(response));
                level++;
                nextEscalationNanos = nowNanos + policy.escalateAfterNanos();
            }
        } else if (quietSinceNanos >= 0 && nowNanos - quietSinceNanos >= policy.restoreAfterQuietNanos()) {
            undoAll(responses, nowNanos);
        }
    }

    /** Undoes every response in force, newest first, and closes the episode. */
    void undoAll(Responses responses, long nowNanos) {
        while (!applied.isEmpty()) {
            responses.undo(applied.pop(), vm, nowNanos);
        }
        level = 0;
        quietSinceNanos = -1;
        attackedUplinks = List.of();
    }

    /** Under attack, or quiet with responses still to undo. */
    boolean inEpisode() {
        return !current.isEmpty() || quietSinceNanos >= 0;
    }

    String vm() {
        return vm;
    }
}
