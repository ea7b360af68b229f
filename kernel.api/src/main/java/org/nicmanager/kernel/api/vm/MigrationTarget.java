package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Another host that can take VMs (whiteboard). Real migration between hosts comes with a later issue; until then the
 * targets are test doubles that record what they are asked.
 */
@ConsumerType
public interface MigrationTarget {

    /** The host's name, unique among targets. */
    String host();

    /**
     * Takes a request to receive a VM.
     *
     * @throws IllegalArgumentException when the host refuses, saying why
     */
    void receive(MigrationRequest request);
}
