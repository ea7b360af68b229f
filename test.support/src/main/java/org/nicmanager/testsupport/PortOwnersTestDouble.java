package org.nicmanager.testsupport;

import org.nicmanager.kernel.api.distribution.PortOwners;

/**
 * Test double of the VM information a bond gives its policy: port {@code p} belongs to VM {@code p}, with the priority
 * given for it. Ports from {@link #portBound()} on are not asked for.
 */
public final class PortOwnersTestDouble implements PortOwners {

    private final int[] priorities;

    /** One port a priority, in port order; none for a bond that knows no VM. */
    public PortOwnersTestDouble(int... priorities) {
        this.priorities = priorities.clone();
    }

    /** {@code ports} ports whose priorities go 0, 1, .. 10 and round again. */
    public static PortOwnersTestDouble prioritiesInTurn(int ports) {
        int[] priorities = new int[ports];
        for (int port = 0; port < ports; port++) {
            priorities[port] = port % 11;
        }
        return new PortOwnersTestDouble(priorities);
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
