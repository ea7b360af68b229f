package org.nicmanager.dos.engine;

import java.util.List;

import org.nicmanager.kernel.api.dos.DosResponse;

/**
 * One VM's DoS policy: its escalating responses ([0126]-[0132]), applied in the order listed, the first at detection
 * and each next one after {@code escalateAfterMs} more of the attack; all are undone, newest first, once no attack on
 * the VM has been seen for {@code restoreAfterQuietMs} (hysteresis).
 *
 * @param assessmentWindowMs how long a suspicious frame's receive interrupt is held back ([0130]), when the responses
 *        include {@link DosResponse#HOLD_INTERRUPTS}; above 0
 * @param escalateAfterMs attack time between one response and the next; 0 applies them all at once
 * @param restoreAfterQuietMs quiet time after the last attack ends before the responses are undone
 * @param alternateUplink the bond or NIC {@link DosResponse#FAIL_OVER} moves the VM's virtual NICs to ([0128]); empty
 *        when none
 * @param migrationHost the host {@link DosResponse#MIGRATE} asks to take the VM; empty when none
 */
public record DosPolicy(List<DosResponse> responses, long assessmentWindowMs, long escalateAfterMs,
        long restoreAfterQuietMs, String alternateUplink, String migrationHost) {

    public static final long DEFAULT_ASSESSMENT_WINDOW_MS = 50;
    public static final long DEFAULT_ESCALATE_AFTER_MS = 100;
    public static final long DEFAULT_RESTORE_AFTER_QUIET_MS = 1_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Longer, and a held frame's guest would see its connections time out rather than be protected. */
    public static final long MAX_ASSESSMENT_WINDOW_MS = 10_000;
    /** A day: the most either delay of a policy may be. */
    public static final long MAX_DELAY_MS = 86_400_000;

    /** What a VM without a configured policy gets: suspicious frames are held for an assessment, nothing more. */
    public static final DosPolicy DEFAULT = new DosPolicy(List.of(DosResponse.HOLD_INTERRUPTS),
            DEFAULT_ASSESSMENT_WINDOW_MS, DEFAULT_ESCALATE_AFTER_MS, DEFAULT_RESTORE_AFTER_QUIET_MS, "", "");

    /** @throws IllegalArgumentException naming the bad value and what is allowed */
    public DosPolicy {
        responses = List.copyOf(responses);
        if (responses.stream().distinct().count() != responses.size()) {
            throw new IllegalArgumentException("bad responses " + names(responses) + ": each response at most once");
        }
        if (assessmentWindowMs <= 0 || assessmentWindowMs > MAX_ASSESSMENT_WINDOW_MS) {
            throw new IllegalArgumentException("bad assessmentWindowMs " + assessmentWindowMs + ": 1 to "
                    + MAX_ASSESSMENT_WINDOW_MS);
        }
        if (escalateAfterMs < 0 || escalateAfterMs > MAX_DELAY_MS) {
            throw new IllegalArgumentException("bad escalateAfterMs " + escalateAfterMs + ": 0 to " + MAX_DELAY_MS);
        }
        if (restoreAfterQuietMs < 0 || restoreAfterQuietMs > MAX_DELAY_MS) {
            throw new IllegalArgumentException("bad restoreAfterQuietMs " + restoreAfterQuietMs + ": 0 to "
                    + MAX_DELAY_MS);
        }
        alternateUplink = alternateUplink == null ? "" : alternateUplink.trim();
        migrationHost = migrationHost == null ? "" : migrationHost.trim();
        if (responses.contains(DosResponse.FAIL_OVER) && alternateUplink.isEmpty()) {
            throw new IllegalArgumentException("the failover response needs an alternate uplink"
                    + " (--alternate BOND|NIC)");
        }
        if (responses.contains(DosResponse.MIGRATE) && migrationHost.isEmpty()) {
            throw new IllegalArgumentException("the migrate response needs a target host (--migrate-to HOST)");
        }
    }

    /** How long suspicious frames wait for their interrupt under this policy; 0 when it does not hold them. */
    public long holdNanos() {
        return responses.contains(DosResponse.HOLD_INTERRUPTS) ? assessmentWindowMs * NANOS_PER_MILLI : 0;
    }

    long escalateAfterNanos() {
        return escalateAfterMs * NANOS_PER_MILLI;
    }

    long restoreAfterQuietNanos() {
        return restoreAfterQuietMs * NANOS_PER_MILLI;
    }

    /** The responses as commands name them, e.g. {@code [hold, failover]}. */
    public static List<String> names(List<DosResponse> responses) {
        return responses.stream().map(DosResponse::optionName).toList();
    }
}
