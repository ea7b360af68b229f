package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Bulk work does one item per step, phase after phase; a map is walked from key to key, meeting what others add. */
class BulkStepsTest {

    private static List<Boolean> runToTheEnd(BulkSteps steps) {
        List<Boolean> answers = new ArrayList<>();
        boolean more;
        do {
            more = steps.getAsBoolean();
            answers.add(more);
        } while (more);
        return answers;
    }

    @Test
    void oneItemPerStepPhaseAfterPhase() {
        List<String> done = new ArrayList<>();
        NavigableMap<String, String> nics = new TreeMap<>(Map.of("b", "B", "a", "A"));
        List<String> filled = new ArrayList<>();
        BulkSteps steps = new BulkSteps()
                .then(() -> done.add("start"))
                .each(() -> nics, nic -> {
                    done.add(nic);
                    filled.add(nic + "'");
                })
                .eachOf(() -> filled, done::add);
        assertEquals(List.of(true, true, true, true, false), runToTheEnd(steps));
        assertEquals(List.of("start", "A", "B", "A'", "B'"), done, "the list phase saw what the map phase did");
    }

    @Test
    void aMapChangedBetweenStepsIsWalkedAsItIsThen() {
        NavigableMap<String, String> nics = new TreeMap<>(Map.of("a", "A", "c", "C", "d", "D"));
        List<String> done = new ArrayList<>();
        BulkSteps steps = new BulkSteps().each(() -> nics, done::add);
        assertTrue(steps.getAsBoolean());
        nics.put("b", "B"); // another action, between two slices
        nics.remove("c");
        runToTheEnd(steps);
        assertEquals(List.of("A", "B", "D"), done);
    }

    @Test
    void workWithNothingToDoEndsAtOnce() {
        assertFalse(new BulkSteps().getAsBoolean());
        assertFalse(new BulkSteps().each(TreeMap::new, nic -> { }).getAsBoolean());
        int[] runs = {0};
        BulkSteps twice = new BulkSteps().then(() -> runs[0]++).then(() -> runs[0]++);
        assertEquals(List.of(true, false), runToTheEnd(twice));
        assertEquals(2, runs[0]);
    }
}
