package org.nicmanager.nicmanager.bond;

import java.util.ArrayList;
import java.util.List;

/** The last {@link #CAPACITY} failovers and failbacks of a bond, oldest first: a ring of records. */
final class FailoverHistory {

    static final int CAPACITY = 32;

    private final FailoverEvent[] events = new FailoverEvent[CAPACITY];
    private int next;
    private long recorded;

    /** Called on control events only, so making a record here is fine. */
    FailoverEvent record(long atNanos, int slot, String member, FailoverReason reason) {
        return record(new FailoverEvent(atNanos, slot, member, reason));
    }

    FailoverEvent record(FailoverEvent event) {
        events[next] = event;
        next = (next + 1) % CAPACITY;
        recorded++;
        return event;
    }

    List<FailoverEvent> snapshot() {
        List<FailoverEvent> list = new ArrayList<>(CAPACITY);
        int kept = (int) Math.min(recorded, CAPACITY);
        for (int i = 0; i < kept; i++) {
            list.add(events[(next - kept + i + CAPACITY) % CAPACITY]);
        }
        return list;
    }
}
