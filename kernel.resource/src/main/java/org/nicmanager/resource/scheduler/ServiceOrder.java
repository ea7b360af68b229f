package org.nicmanager.resource.scheduler;

import java.util.Arrays;

import org.nicmanager.kernel.api.vm.Priority;

/**
 * Which backlogged VM sends next, in three phases:
 * <ol>
 * <li><b>reservation</b>: a VM whose reservation clock is due (it got less than its reservation lately) goes first,
 * the most overdue first, whatever its shares or priority;</li>
 * <li><b>interval floor</b>: a VM that got fewer than the minimum units of this interval ([0097]), round-robin;</li>
 * <li><b>shares</b>: the highest priority with backlog, and within it the lowest virtual time; VMs over the interval
 * maximum go after every VM below it.</li>
 * </ol>
 * Only ready VMs (frames queued, head frame conforming) are served; VMs whose head waits for a gate are in
 * {@link #waiting}, by the time it conforms. Tournament trees and rings of slot numbers: no allocation on the frame
 * path. The floor comes before priority, so precedence ([0117]) bounds what a lower priority gets, never to nothing
 * while the floor is on; the time a VM spends held back by precedence is kept too ({@link #starvedNanos}).
 */
final class ServiceOrder {

    static final int NONE = 0;
    static final int RESERVATION = 1;
    static final int FLOOR = 2;
    static final int SHARES = 3;

    /**
     * Every ready VM, by {@link ShareClock#key}, and VMs that left the order since they were last at its top: a VM
     * whose queue empties keeps its place until it reaches the top, so one that is offered a frame before then needs
     * no change at all ({@link #next} drops the others as they surface).
     */
    final SlotTournament shares = new SlotTournament();
    /** Ready VMs with a reservation in force, by the kernel time their reservation is owed its next frame. */
    final SlotTournament reservations = new SlotTournament();
    /** Waiting VMs, by the kernel time their head frame conforms. */
    final SlotTournament waiting = new SlotTournament();

    private final VmTable table;
    private final PrecedenceTime precedence = new PrecedenceTime();
    private final int[] readyAtPriority = new int[Priority.HIGHEST + 1];
    /** Bit p is set while some VM of priority p is ready. */
    private int readyPriorities;
    private int phase;

    private long interval;
    private long intervalMinUnits;
    private long intervalMaxUnits;
    private int[] floor = new int[16];
    private int floorHead;
    private int floorCount;
    private int[] capped = new int[16];
    private int cappedCount;

    ServiceOrder(VmTable table) {
        this.table = table;
    }

    /** Control path. */
    void ensureSlots(int count) {
        shares.ensureSlots(count);
        reservations.ensureSlots(count);
        waiting.ensureSlots(count);
        if (count > floor.length) {
            int[] grown = new int[Math.max(count, floor.length * 2)];
            for (int i = 0; i < floorCount; i++) {
                grown[i] = floor[(floorHead + i) % floor.length];
            }
            floor = grown;
            floorHead = 0;
            capped = Arrays.copyOf(capped, grown.length);
        }
    }

    /** Control path: 0 turns a bound off. */
    void setIntervalUnits(long minUnits, long maxUnits) {
        this.intervalMinUnits = minUnits;
        this.intervalMaxUnits = maxUnits;
    }

    /** True while the per-interval floor ([0097]) is kept. */
    boolean floorOn() {
        return intervalMinUnits > 0;
    }

    boolean countsIntervals() {
        return intervalMinUnits > 0 || intervalMaxUnits > 0;
    }

    /** The phase of the last {@link #next}. */
    int phase() {
        return phase;
    }

    /** The VM to serve now, or -1 when no VM is ready. */
    int next(long nowNanos) {
        if (reservations.topKey() <= nowNanos) {
            phase = RESERVATION;
            return reservations.topSlot();
        }
        while (floorCount > 0) {
            int slot = floor[floorHead];
            VmSlot vm = table.slot(slot);
            if (vm.state == VmSlot.READY && underFloor(vm)) {
                phase = FLOOR;
                return slot;
            }
            popFloor();
            vm.inFloor = false;
        }
        while (!shares.isEmpty()) {
            int slot = shares.topSlot();
            if (table.slot(slot).state == VmSlot.READY) {
                phase = SHARES;
                return slot;
            }
            shares.remove(slot);
        }
        phase = NONE;
        return -1;
    }

    /** True while some VM of higher priority than {@code priority} is ready. */
    boolean higherPriorityReady(int priority) {
        return (readyPriorities >>> (priority + 1)) != 0;
    }

    /**
     * True when a VM that becomes ready now would be served before every ready VM: no reservation is owed, no VM is
     * owed its interval floor (the VM itself, if owed one, would be first in that phase too), no maximum is kept (a
     * capped VM's key may not say so yet), and its key is below the lowest in the order.
     */
    boolean servesFirst(VmSlot vm, long nowNanos) {
        return vm.reservationBps == 0 && floorCount == 0 && intervalMaxUnits == 0 && reservations.topKey() > nowNanos
                && ShareClock.key(vm) < shares.topKey();
    }

    /**
     * The kernel time the VM had a frame ready while a VM of higher priority had one too, so that precedence served
     * the other first ([0117]); its reservation and the interval floor still served it meanwhile.
     */
    long starvedNanos(VmSlot vm, long nowNanos) {
        return vm.state == VmSlot.READY
                ? vm.starvedNanos + precedence.heldNanos(vm.priority, nowNanos) - vm.heldMarkNanos
                : vm.starvedNanos;
    }

    boolean anyReady() {
        return readyPriorities != 0;
    }

    /** A VM's head frame conforms: it joins the order (its clocks brought up to date by the caller). */
    void makeReady(VmSlot vm, long nowNanos) {
        if (vm.state == VmSlot.WAITING) {
            waiting.remove(vm.index);
        }
        if (vm.state != VmSlot.READY) {
            vm.state = VmSlot.READY;
            if (readyAtPriority[vm.priority]++ == 0) {
                readyPriorities |= 1 << vm.priority;
                highestMayHaveChanged(nowNanos);
            }
            vm.heldMarkNanos = precedence.heldNanos(vm.priority, nowNanos);
        }
        reorder(vm);
    }

    /** A ready VM's keys changed (it was served, or its allocation changed): it takes its new place. */
    void reorder(VmSlot vm) {
        if (intervalMaxUnits > 0 && !vm.capped && vm.interval == interval && vm.intervalUnits >= intervalMaxUnits) {
            vm.capped = true;
            capped[cappedCount++] = vm.index;
        }
        shares.put(vm.index, ShareClock.key(vm));
        if (vm.reservationBps > 0) {
            reservations.put(vm.index, vm.reservationDueNanos);
        } else {
            reservations.remove(vm.index);
        }
        if (intervalMinUnits > 0 && !vm.inFloor && underFloor(vm)) {
            pushFloor(vm);
        }
    }

    /** A VM's head frame waits for a gate until {@code conformsAtNanos}. */
    void makeWaiting(VmSlot vm, long conformsAtNanos, long nowNanos) {
        leaveReady(vm, nowNanos);
        vm.state = VmSlot.WAITING;
        waiting.put(vm.index, conformsAtNanos);
    }

    /** A VM's queue is empty (or emptied). */
    void makeIdle(VmSlot vm, long nowNanos) {
        if (vm.state == VmSlot.WAITING) {
            waiting.remove(vm.index);
        }
        leaveReady(vm, nowNanos);
        vm.state = VmSlot.IDLE;
    }

    /** After a floor-phase frame: the VM goes to the back of the floor ring, or leaves it once it has its minimum. */
    void floorServed(VmSlot vm) {
        popFloor();
        if (vm.state == VmSlot.READY && underFloor(vm)) {
            floor[(floorHead + floorCount++) % floor.length] = vm.index;
        } else {
            vm.inFloor = false;
        }
    }

    /** Counts units against the current interval. */
    void countUnits(VmSlot vm, long units) {
        if (vm.interval != interval) {
            vm.interval = interval;
            vm.intervalUnits = 0;
        }
        vm.intervalUnits += units;
    }

    /** A new interval: capped VMs compete again and every ready VM is owed its minimum anew. Control path. */
    void rollover() {
        interval++;
        for (int i = 0; i < cappedCount; i++) {
            VmSlot vm = table.slot(capped[i]);
            vm.capped = false;
            if (vm.state == VmSlot.READY) {
                shares.put(vm.index, ShareClock.key(vm));
            }
        }
        cappedCount = 0;
        if (intervalMinUnits > 0) {
            for (int slot = 0; slot < table.count(); slot++) {
                VmSlot vm = table.slot(slot);
                if (vm.state == VmSlot.READY && !vm.inFloor) {
                    pushFloor(vm);
                }
            }
        }
    }

    private boolean underFloor(VmSlot vm) {
        return vm.interval != interval || vm.intervalUnits < intervalMinUnits;
    }

    private void leaveReady(VmSlot vm, long nowNanos) {
        if (vm.state == VmSlot.READY) {
            reservations.remove(vm.index);
            vm.starvedNanos += precedence.heldNanos(vm.priority, nowNanos) - vm.heldMarkNanos;
            if (--readyAtPriority[vm.priority] == 0) {
                readyPriorities &= ~(1 << vm.priority);
                highestMayHaveChanged(nowNanos);
            }
        }
    }

    private void highestMayHaveChanged(long nowNanos) {
        int highest = 31 - Integer.numberOfLeadingZeros(readyPriorities); // -1 when none is ready
        if (highest != precedence.highestReady()) {
            precedence.highestReady(highest, nowNanos);
        }
    }

    private void pushFloor(VmSlot vm) {
        vm.inFloor = true;
        floor[(floorHead + floorCount++) % floor.length] = vm.index;
    }

    private void popFloor() {
        floorHead = (floorHead + 1) % floor.length;
        floorCount--;
    }
}
