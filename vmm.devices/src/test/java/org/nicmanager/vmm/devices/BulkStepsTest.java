package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Bulk work does one item per step, phase after phase, each phase picking its items when it starts. */
class BulkStepsTest {

    @Test
    void oneItemPerStepPhaseAfterPhase() {
        List<String> done = new ArrayList<>();
        List<String> second = new ArrayList<>(List.of("x"));
        BulkSteps steps = new BulkSteps()
                .then(() -> List.of("a", "b"), item -> {
                    done.add(item);
                    second.add(item + "'");
                })
                .then(() -> List.<String>of(), done::add)
                .then(() -> List.copyOf(second), done::add);
        List<Boolean> answers = new ArrayList<>();
        boolean more;
        do {
            more = steps.getAsBoolean();
            answers.add(more);
        } while (more);
        assertEquals(List.of("a", "b", "x", "a'", "b'"), done, "the last phase saw what the first did");
        assertEquals(List.of(true, true, true, true, false), answers, "one item a step; false with the last");
    }

    @Test
    void workWithNothingToDoEndsAtOnce() {
        assertFalse(new BulkSteps().getAsBoolean());
        assertFalse(new BulkSteps().then(List::<String>of, item -> { }).getAsBoolean());
        int[] runs = {0};
        BulkSteps once = new BulkSteps().then(() -> runs[0]++).then(() -> runs[0]++);
        assertTrue(once.getAsBoolean());
        assertFalse(once.getAsBoolean());
        assertEquals(2, runs[0]);
    }
}
