package org.nicmanager.nicmanager.vms;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.PortOwners;
import org.nicmanager.kernel.api.vm.Priority;

/** The loadable variant's knowledge of VMs ([0076]-[0082]): none, so it gives policies nothing beyond the frames. */
final class NoVmKnowledge implements VmKnowledge {

    /** No VM owns any port: also what a policy that did not ask for VM information sees in either variant. */
    private static final PortOwners NO_OWNERS = new PortOwners() {
        @Override
        public int portBound() {
            return 0;
        }

        @Override
        public int vmOfPort(int port) {
            return -1;
        }

        @Override
        public int priorityOfPort(int port) {
            return Priority.DEFAULT;
        }
    };

    @Override
    public boolean gives(Set<PolicyNeed> needs) {
        return needs.isEmpty();
    }

    @Override
    public String variant() {
        return "the loadable NIC manager";
    }

    @Override
    public PortOwners ports() {
        return NO_OWNERS;
    }

    @Override
    public int priority(String vm) {
        return Priority.DEFAULT;
    }

    @Override
    public boolean running(String vm) {
        return false;
    }

    @Override
    public boolean connected(int port, String vm, int priority) {
        return false;
    }

    @Override
    public boolean disconnected(int port) {
        return false;
    }

    @Override
    public List<String> vmsOf(Collection<Integer> ports) {
        return List.of();
    }
}
