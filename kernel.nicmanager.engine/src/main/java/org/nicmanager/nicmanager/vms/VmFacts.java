package org.nicmanager.nicmanager.vms;

import org.nicmanager.kernel.api.vm.Priority;

/**
 * What the VM registry says of a VM, behind the kernel-integrated NIC manager's {@link VmKnowledge} ([0076]-[0082]):
 * its network priority and whether it runs.
 */
public interface VmFacts {

    /** A registry with no VM in it, for tests and benchmarks: every VM has the default priority, none runs. */
    VmFacts EMPTY_REGISTRY = new VmFacts() {
        @Override
        public int priority(String vm) {
            return Priority.DEFAULT;
        }

        @Override
        public boolean running(String vm) {
            return false;
        }
    };

    int priority(String vm);

    boolean running(String vm);
}
