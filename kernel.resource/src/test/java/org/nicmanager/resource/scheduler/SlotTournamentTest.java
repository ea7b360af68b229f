package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The tournament against a plain model, under random puts, moves and removals. */
class SlotTournamentTest {

    @Test
    void theTopIsAlwaysTheLowestKey() {
        Random random = new Random(7);
        SlotTournament queue = new SlotTournament();
        queue.ensureSlots(300);
        Map<Integer, Long> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            if (step == 1_000) {
                queue.ensureSlots(500); // grows with slots in it
            }
            int slot = random.nextInt(step < 1_000 ? 300 : 500);
            if (random.nextInt(3) == 0) {
                queue.remove(slot);
                model.remove(slot);
            } else {
                long key = random.nextInt(1_000) - 500; // reservation clocks may start before 0
                queue.put(slot, key);
                model.put(slot, key);
            }
            assertEquals(model.size(), queue.size());
            if (model.isEmpty()) {
                assertTrue(queue.isEmpty());
                assertEquals(Long.MAX_VALUE, queue.topKey());
            } else {
                long lowest = model.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertEquals(lowest, queue.topKey());
                int lowestSlot = model.entrySet().stream().filter(e -> e.getValue() == lowest)
                        .mapToInt(Map.Entry::getKey).min().orElseThrow();
                assertEquals(lowestSlot, queue.topSlot(), "on equal keys the lower slot wins");
            }
            assertEquals(model.containsKey(slot), queue.contains(slot));
        }
    }
}
