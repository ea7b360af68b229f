package org.nicmanager.vmm.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work over many virtual NICs, one NIC per step, for {@link org.nicmanager.kernel.api.time.NetworkWorld#runInSlices}
 * (issue 17: disconnecting 50,000 of them held the world for 130 ms). Phases run in order; each picks its items
 * when it starts, on the world thread, so it sees what the phases before it did and what other actions did between
 * two slices.
 */
final class BulkSteps implements BooleanSupplier {

    private record Phase<T>(Supplier<List<T>> items, Consumer<T> each) {
    }

    private final List<Phase<?>> phases = new ArrayList<>();
    private int phase;
    private List<?> items;
    private int next;

    /** Adds a phase: {@code items} is asked when the phase starts, then {@code each} is done to one item per step. */
    <T> BulkSteps then(Supplier<List<T>> items, Consumer<T> each) {
        phases.add(new Phase<>(items, each));
        return this;
    }

    /** Adds a phase of one step. */
    BulkSteps then(Runnable once) {
        return then(() -> List.of(once), Runnable::run);
    }

    /** Does one item (starting phases as needed). @return whether any work is left */
    @Override
    public boolean getAsBoolean() {
        while (phase < phases.size()) {
            if (items == null) {
                items = phases.get(phase).items().get();
                next = 0;
            }
            if (next < items.size()) {
                step(phases.get(phase), next++);
                return next < items.size() || phase < phases.size() - 1;
            }
            phase++;
            items = null;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private <T> void step(Phase<T> current, int index) {
        current.each().accept((T) items.get(index));
    }
}
