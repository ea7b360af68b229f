package org.nicmanager.cluster;

/**
 * A cluster VM's definition as ZooKeeper keeps it ({@code /nicmgr/vms/NAME}, issue 16 point 3): what {@code vm:create}
 * takes and the VM's network allocation, so that any host can run it. Bonds, NICs and vNICs stay per host.
 *
 * @param allocation what {@code net:alloc} gave it, or null for the resource manager's defaults
 */
public record VmDefinition(String name, int priority, Allocation allocation) {

    /** The reservation the VM needs on the host that runs it, in bits per second (0: none). */
    public long reservationBps() {
        return allocation == null ? 0 : allocation.reservationBps();
    }

    /**
     * A VM's network allocation, as the resource manager's allocation configuration holds it.
     *
     * @param priority the allocation's own network priority, or null for the VM's
     */
    public record Allocation(int shares, long reservationBps, long limitBps, long averageBps, long peakBps,
            long burstBytes, long peakPeriodMs, Integer priority) {
    }
}
