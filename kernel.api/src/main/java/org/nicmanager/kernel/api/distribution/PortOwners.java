package org.nicmanager.kernel.api.distribution;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Which VM owns each virtual NIC port, for a policy that needs {@link PolicyNeed#VM_INFORMATION}; ports are the
 * {@link FrameFacts#sourcePort()} of frames. Cheap lookups, safe on the frame path.
 */
@ProviderType
public interface PortOwners {

    /** Ports are 0 up to this bound (exclusive). */
    int portBound();

    /** Index of the VM owning the port (stable, dense from 0), or -1 when no VM owns it. */
    int vmOfPort(int port);

    /** Network priority 0..10 of the VM owning the port ({@code Priority.DEFAULT} if none). */
    int priorityOfPort(int port);
}
