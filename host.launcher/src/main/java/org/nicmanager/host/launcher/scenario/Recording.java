package org.nicmanager.host.launcher.scenario;

import java.util.List;

/** What a scenario recorded from kernel time {@code start}: counter samples in time order, and the events. */
public record Recording(long start, List<Sample> samples, List<Marker> markers) {

    public Recording {
        samples = List.copyOf(samples);
        markers = List.copyOf(markers);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }
}
