package org.nicmanager.resource.scheduler;

import org.nicmanager.kernel.api.vm.Priority;

/**
 * Proportional shares by local virtual time ([0096]-[0098]). Each frame a VM sends advances its virtual time by
 * cost / shares, in ticks of 1/{@link #TICKS_PER_UNIT} consumption unit per share, with the remainder of the division
 * carried so that long runs divide exactly. Among backlogged VMs of one priority the lowest virtual time goes first,
 * as in start-time fair queueing; the system virtual time of a priority level is the highest start tag served there.
 * A VM that comes back from idle is brought forward to within its lag bound of that system virtual time, so it can
 * claim at most the lag bound of extra service.
 *
 * <p>Service-order keys pack, from the top: a bit for VMs over their per-interval maximum (they go last), four bits of
 * inverted priority (higher priority first), and 58 bits of virtual time. Virtual times are rebased on the control
 * path long before they reach that width.
 */
final class ShareClock {

    static final long TICKS_PER_UNIT = 1L << 20;
    static final int LEVEL_SHIFT = 58;
    static final long LEVEL_MASK = 0xFL << LEVEL_SHIFT;
    static final long CAPPED_BIT = 1L << 62;
    /** Rebasing starts when a level's system virtual time passes this (2^54 ticks), far below the 2^58 of a key. */
    static final long REBASE_ABOVE_TICKS = 1L << 54;

    private static final int LEVELS = Priority.HIGHEST + 1;

    private final long[] systemVirtualTime = new long[LEVELS];
    /** Ticks subtracted from each level by rebasing, so reports show virtual time as if never rebased. */
    private final long[] rebasedTicks = new long[LEVELS];
    private long lagUnits;

    ShareClock(long lagUnits) {
        this.lagUnits = lagUnits;
    }

    void setLagUnits(long lagUnits) {
        this.lagUnits = lagUnits;
    }

    long lagUnits() {
        return lagUnits;
    }

    /** The lag bound in the virtual time of a VM with {@code shares}. */
    long lagTicks(int shares) {
        return lagUnits * TICKS_PER_UNIT / shares;
    }

    /** The service-order key of a ready VM. */
    static long key(VmSlot vm) {
        return (vm.capped ? CAPPED_BIT : 0) | ((long) (Priority.HIGHEST - vm.priority) << LEVEL_SHIFT)
                | vm.virtualTime;
    }

    /** A VM becomes backlogged: it may be behind its level's system virtual time by at most its lag bound. */
    void activate(VmSlot vm) {
        long floor = systemVirtualTime[vm.priority] - vm.lagTicks;
        if (vm.virtualTime < floor) {
            vm.virtualTime = floor;
        }
    }

    /** A VM joins a priority level afresh (its priority changed): no credit, no debt. Control path. */
    void join(VmSlot vm) {
        vm.virtualTime = systemVirtualTime[vm.priority];
        vm.virtualTimeRemainder = 0;
    }

    /**
     * Advances a VM's virtual time by {@code units} / shares. {@code inOrder} says the VM was picked as the lowest
     * virtual time of its level, so its start tag is the level's system virtual time from now on.
     */
    void charge(VmSlot vm, long units, boolean inOrder) {
        if (inOrder && vm.virtualTime > systemVirtualTime[vm.priority]) {
            systemVirtualTime[vm.priority] = vm.virtualTime;
        }
        long scaled = units * TICKS_PER_UNIT + vm.virtualTimeRemainder;
        long ticks = scaled / vm.shares;
        vm.virtualTimeRemainder = scaled - ticks * vm.shares;
        vm.virtualTime += ticks;
    }

    /** A VM's virtual time in consumption units per share, as if never rebased. */
    double reportedVirtualTime(VmSlot vm) {
        return (vm.virtualTime + rebasedTicks[vm.priority]) / (double) TICKS_PER_UNIT;
    }

    /** The system virtual time of a priority level, in units per share. */
    double reportedSystemVirtualTime(int priority) {
        return (systemVirtualTime[priority] + rebasedTicks[priority]) / (double) TICKS_PER_UNIT;
    }

    /**
     * Keeps virtual times narrow (control path): a level whose system virtual time passed {@link #REBASE_ABOVE_TICKS}
     * has a common base subtracted from every VM's virtual time, idle VMs being first brought up to that base (which
     * lies two lag bounds behind, so it takes no credit they could still claim). Ready VMs get their keys again.
     */
    void rebase(VmTable table, SlotTournament order) {
        long keep = 2 * lagUnits * TICKS_PER_UNIT;
        for (int level = 0; level < LEVELS; level++) {
            long base = systemVirtualTime[level] - keep;
            if (systemVirtualTime[level] <= REBASE_ABOVE_TICKS || base <= 0) {
                continue;
            }
            systemVirtualTime[level] -= base;
            rebasedTicks[level] += base;
            for (int slot = 0; slot < table.count(); slot++) {
                VmSlot vm = table.slot(slot);
                if (vm.priority == level) {
                    vm.virtualTime = Math.max(vm.virtualTime, base) - base;
                    if (order.contains(slot)) {
                        order.put(slot, key(vm));
                    }
                }
            }
        }
    }
}
