package org.nicmanager.kernel.api.time;

import org.osgi.annotation.versioning.ProviderType;

/** Creates kernel timers. The same interface serves the real-time and the virtual-time kernel. */
@ProviderType
public interface KernelScheduler extends KernelClock {

    /**
     * A new, disarmed timer that runs {@code action} on the world thread each time it expires. Create timers on control
     * paths and re-arm them on the frame path.
     */
    Timer newTimer(String name, Runnable action);
}
