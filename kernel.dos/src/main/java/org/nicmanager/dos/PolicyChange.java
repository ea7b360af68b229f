package org.nicmanager.dos;

import java.util.Arrays;
import java.util.List;

import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.kernel.api.dos.DosResponse;
import org.nicmanager.lib.units.TimeSpan;

/**
 * What {@code dos:policy VM ...} asks to change; null for an option left out, which keeps its value.
 *
 * @param responses {@code none}, or responses separated by commas in escalation order: hold, suspend, failover, migrate
 * @param alternate the alternate uplink for failover ({@code none} clears it)
 * @param migrateTo the target host for migrate ({@code none} clears it)
 * @param assessment the assessment window, e.g. {@code 50ms}
 * @param escalateAfter attack time between one response and the next, e.g. {@code 100ms} ({@code 0ms}: all at once)
 * @param restoreAfter quiet time before the responses are undone, e.g. {@code 1s}
 */
public record PolicyChange(String responses, String alternate, String migrateTo, String assessment,
        String escalateAfter, String restoreAfter) {

    /** The policy this change makes of {@code current}; @throws IllegalArgumentException naming the bad value */
    DosPolicy applyTo(DosPolicy current) {
        List<DosResponse> newResponses = responses == null ? current.responses() : responses(responses);
        String newAlternate = alternate == null ? current.alternateUplink() : cleared(alternate);
        String newHost = migrateTo == null ? current.migrationHost() : cleared(migrateTo);
        long assessmentMs = assessment == null ? current.assessmentWindowMs() : millis("--assessment", assessment, 1);
        long escalateMs = escalateAfter == null ? current.escalateAfterMs()
                : millis("--escalate-after", escalateAfter, 0);
        long restoreMs = restoreAfter == null ? current.restoreAfterQuietMs()
                : millis("--restore-after", restoreAfter, 0);
        return new DosPolicy(newResponses, assessmentMs, escalateMs, restoreMs, newAlternate, newHost);
    }

    static List<DosResponse> responses(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("none")) {
            return List.of();
        }
        return Arrays.stream(trimmed.split(",")).map(DosResponse::fromName).toList();
    }

    private static String cleared(String text) {
        return text.trim().equals("none") ? "" : text.trim();
    }

    private static long millis(String option, String text, long leastMs) {
        long nanos = TimeSpan.parse(text).nanos();
        long ms = nanos / TimeSpan.NANOS_PER_MILLI;
        if (ms < leastMs || nanos % TimeSpan.NANOS_PER_MILLI != 0) {
            throw new IllegalArgumentException("bad " + option + " '" + text + "': whole milliseconds, at least "
                    + leastMs + "ms");
        }
        return ms;
    }
}
