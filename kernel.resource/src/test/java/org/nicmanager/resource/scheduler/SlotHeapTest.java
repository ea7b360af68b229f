package org.nicmanager.resource.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The indexed heap against a plain model, under random puts, moves and removals. */
class SlotHeapTest {

    @Test
    void theTopIsAlwaysTheLowestKey() {
        Random random = new Random(7);
        SlotHeap heap = new SlotHeap();
        heap.ensureSlots(500);
        Map<Integer, Long> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int slot = random.nextInt(500);
            if (random.nextInt(3) == 0) {
                heap.remove(slot);
                model.remove(slot);
            } else {
                long key = random.nextInt(1_000);
                heap.put(slot, key);
                model.put(slot, key);
            }
            assertEquals(model.size(), heap.size());
            if (model.isEmpty()) {
                assertTrue(heap.isEmpty());
                assertEquals(Long.MAX_VALUE, heap.topKey());
            } else {
                long lowest = model.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertEquals(lowest, heap.topKey());
                assertEquals(lowest, model.get(heap.topSlot()));
            }
            assertEquals(model.containsKey(slot), heap.contains(slot));
        }
        assertFalse(heap.contains(500 - 1) && !model.containsKey(499));
    }
}
