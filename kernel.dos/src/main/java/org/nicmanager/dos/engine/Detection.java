package org.nicmanager.dos.engine;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.dos.DosTarget;

/** One attack seen by one detector on one target: when it started and ended, and the responses while it lasted. */
final class Detection {

    private final DosTarget target;
    private final String kind;
    private final long startedAtNanos;
    private final String startDetails;
    private final List<AppliedResponse> responses = new ArrayList<>();
    private long endedAtNanos = -1;
    private String endDetails;

    Detection(DosTarget target, String kind, long startedAtNanos, String startDetails) {
        this.target = target;
        this.kind = kind;
        this.startedAtNanos = startedAtNanos;
        this.startDetails = startDetails;
    }

    void end(long endedAtNanos, String endDetails) {
        this.endedAtNanos = endedAtNanos;
        this.endDetails = endDetails;
    }

    void add(AppliedResponse response) {
        if (!responses.contains(response)) {
            responses.add(response);
        }
    }

    DosTarget target() {
        return target;
    }

    String kind() {
        return kind;
    }

    long startedAtNanos() {
        return startedAtNanos;
    }

    boolean ended() {
        return endedAtNanos >= 0;
    }

    long endedAtNanos() {
        return endedAtNanos;
    }

    String startDetails() {
        return startDetails;
    }

    String endDetails() {
        return endDetails;
    }

    DetectionView view() {
        return new DetectionView(target.name(), target.kind().name(), kind, startedAtNanos,
                ended() ? endedAtNanos : null, ended() ? startDetails + "; at the end: " + endDetails : startDetails,
                responses.stream().map(AppliedResponse::view).toList());
    }
}
