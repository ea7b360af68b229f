package org.nicmanager.dos.engine;

import java.util.function.Supplier;

import org.nicmanager.kernel.api.dos.DosResponse;

/** A response applied to protect a VM, and its undoing. World thread. */
final class AppliedResponse {

    private final DosResponse response;
    private final String details;
    private final long appliedAtNanos;
    private final boolean failed;
    /** Undoes it and says what it did; null when there is nothing to undo. */
    private final Supplier<String> undo;
    private long undoneAtNanos = -1;
    private String undoDetails;

    AppliedResponse(DosResponse response, String details, long appliedAtNanos, boolean failed,
            Supplier<String> undo) {
        this.response = response;
        this.details = details;
        this.appliedAtNanos = appliedAtNanos;
        this.failed = failed;
        this.undo = undo;
    }

    /** Undoes it once; @return what was done */
    String undo(long nowNanos) {
        undoDetails = undo == null ? "nothing to undo" : undo.get();
        undoneAtNanos = nowNanos;
        return undoDetails;
    }

    DosResponse response() {
        return response;
    }

    String details() {
        return details;
    }

    boolean failed() {
        return failed;
    }

    ResponseView view() {
        return new ResponseView(response.name(), failed ? "FAILED: " + details : details, appliedAtNanos,
                undoneAtNanos < 0 ? null : undoneAtNanos, undoDetails);
    }
}
