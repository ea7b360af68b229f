package org.nicmanager.resource.scheduler;

import java.util.List;

/**
 * What one uplink would give its VMs if some NICs failed (an N-1 check): the capacity after, which reservations still
 * hold in priority order, and what each VM could expect given what it offers now.
 */
public record WhatIf(String uplink, List<String> failedNics, long capacityBps, long capacityAfterBps,
        List<Verdict> vms) {

    /**
     * @param expectedBps what the VM could expect after the failure, given what it offered over the last window
     * @param fullyServed true when that covers all it offers: its priority and share still carry it
     */
    public record Verdict(String vm, int priority, int shares, long reservationBps, boolean reservationHolds,
            long limitBps, long offeredBps, long expectedBps, boolean fullyServed) {
    }
}
