package org.nicmanager.nicmanager.engine;

/**
 * What the kernel-integrated NIC manager knows of VMs and the loadable one does not ([0076]-[0082]): a VM's network
 * priority and whether it runs.
 */
public interface VmFacts {

    int priority(String vm);

    boolean running(String vm);
}
