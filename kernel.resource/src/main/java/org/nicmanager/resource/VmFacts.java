package org.nicmanager.resource;

import java.util.List;

/** What the resource manager needs to know of VMs (the VM registry, behind it). Called on the world thread. */
public interface VmFacts {

    /** The names of every VM, for messages. */
    List<String> names();

    boolean exists(String vm);

    /** The VM's own network priority (vm:create --priority), or the default for an unknown VM. */
    int priority(String vm);

    boolean suspended(String vm);
}
