package org.nicmanager.kernel.api.time;

import org.osgi.annotation.versioning.ProviderType;

/** The kernel's clock: the only source of time on a network path. */
@ProviderType
public interface KernelClock {

    /** Service property carrying the {@link ClockMode} name, so a client can wait for a given mode. */
    String CLOCK_MODE_PROPERTY = "clockMode";

    /** Nanoseconds since the kernel started. Monotonic; under the virtual clock it moves only when advanced. */
    long nanoTime();

    ClockMode mode();
}
