package org.nicmanager.vmm.backends.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A back end's drops by reason. Each reason has one writing thread (the reader, the writer, or the world), so a count
 * is an ordered store, neither a lock nor an allocation; any thread may read.
 */
public final class DropCounts {

    private static final GuestDrop[] REASONS = GuestDrop.values();

    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** On the reason's one writing thread. */
    public void count(GuestDrop reason) {
        int index = reason.ordinal();
        counts.lazySet(index, counts.get(index) + 1);
    }

    public long get(GuestDrop reason) {
        return counts.get(reason.ordinal());
    }

    /** The reasons of one direction that occurred, with their counts (control path). */
    public Map<String, Long> byReason(boolean fromGuest) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (GuestDrop reason : REASONS) {
            long count = counts.get(reason.ordinal());
            if (reason.fromGuest() == fromGuest && count > 0) {
                dropped.put(reason.name(), count);
            }
        }
        return dropped;
    }
}
