package org.nicmanager.bench;

import org.nicmanager.kernel.api.distribution.PortOwners;

/** Test double of the VM directory: port p belongs to VM p, with priorities 0..10 in turn. */
final class PortVms implements PortOwners {

    private final int vms;

    PortVms(int vms) {
        this.vms = vms;
    }

    @Override
    public int portBound() {
        return vms;
    }

    @Override
    public int vmOfPort(int port) {
        return port;
    }

    @Override
    public int priorityOfPort(int port) {
        return port % 11;
    }
}
