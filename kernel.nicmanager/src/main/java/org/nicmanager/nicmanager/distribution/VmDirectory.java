package org.nicmanager.nicmanager.distribution;

/**
 * What VM-aware policies need to know about a frame's source port. Only the kernel-integrated NIC manager has it
 * (patent [0076]-[0082]); the loadable variant has none and refuses those policies.
 */
public interface VmDirectory {

    /** Ports are virtual NIC indices, 0 up to this bound (exclusive). */
    int portBound();

    /** Index of the VM owning the port (stable, dense), or -1 when no VM owns it. */
    int vmOfPort(int port);

    /** Network priority 0..10 of the VM owning the port; {@link org.nicmanager.kernel.api.vm.Priority#DEFAULT} if none. */
    int priorityOfPort(int port);
}
