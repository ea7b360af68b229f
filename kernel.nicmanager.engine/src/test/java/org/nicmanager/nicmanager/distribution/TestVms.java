package org.nicmanager.nicmanager.distribution;

import org.nicmanager.kernel.api.distribution.PortOwners;

/** Test double: port p belongs to VM p, with the given priorities. */
final class TestVms implements PortOwners {

    private final int[] priorities;

    TestVms(int... priorities) {
        this.priorities = priorities;
    }

    @Override
    public int portBound() {
        return priorities.length;
    }

    @Override
    public int vmOfPort(int port) {
        return port;
    }

    @Override
    public int priorityOfPort(int port) {
        return priorities[port];
    }
}
