package org.nicmanager.kernel.api.vm;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The VM manager's lifecycle operations: CREATED -start-> RUNNING -suspend-> SUSPENDED -resume-> RUNNING -stop->
 * STOPPED -start-> RUNNING; a suspended VM may also be stopped, and a VM that does not run may be deleted. A forbidden
 * step is refused with an {@link IllegalArgumentException} naming the VM's state and what the step needs, and changes
 * nothing. Each step is announced on EventAdmin ({@link VmTopics}).
 */
@ProviderType
public interface VmManager extends VmRegistry {

    /** @param priority network priority, {@link Priority#LOWEST}..{@link Priority#HIGHEST} */
    VmInfo create(String name, int priority);

    VmInfo start(String name);

    VmInfo stop(String name);

    /**
     * Suspends a running VM: it stops running, and its queued frames and counters are kept as they are until it
     * resumes (patent [0124]).
     */
    VmInfo suspend(String name);

    /** Resumes a suspended VM, which continues from its kept queues and counters. */
    VmInfo resume(String name);

    /**
     * Suspends a running VM on behalf of an automatic reaction, naming its {@code cause} (e.g. {@code bottleneck on
     * bond0}); a VM already suspended by other causes keeps its state and adds this one. A VM the operator suspended
     * (no causes) is left alone. The step is announced like any other, with the cause in its details.
     *
     * @throws IllegalArgumentException for an unknown VM, or one that is neither running nor suspended
     */
    VmInfo suspendFor(String name, String cause);

    /**
     * Withdraws {@code cause}; the VM resumes when no cause is left. A cause the VM does not hold changes nothing (the
     * operator resumed it, say).
     *
     * @throws IllegalArgumentException for an unknown VM
     */
    VmInfo resumeFor(String name, String cause);

    /** Why the VM is suspended by automatic reactions, oldest cause first; empty when not, or suspended by hand. */
    List<String> suspensionCauses(String name);

    /** Removes a VM that is not running. */
    void delete(String name);

    /** Attaches a virtual NIC's description (the device itself lives in the VMM). */
    VmInfo attachVnic(String vmName, VnicInfo vnic);

    /** Replaces the description of the VM's virtual NIC of that name (after {@code vnic:assign}, say). */
    VmInfo updateVnic(String vmName, VnicInfo vnic);
}
