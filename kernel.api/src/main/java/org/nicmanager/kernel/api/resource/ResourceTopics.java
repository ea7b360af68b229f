package org.nicmanager.kernel.api.resource;

/**
 * EventAdmin topics posted by the resource manager, and their property keys. Every event carries {@link #SUBJECT} (the
 * VM, or the uplink for {@link #CAPACITY_CHANGED}), {@link #UPLINK} (but see {@link #ALLOCATION_CHANGED}),
 * {@link #TIME} and a readable {@link #DETAILS}.
 */
public final class ResourceTopics {

    /**
     * A VM's reservation does not fit what its uplink carries now ([0116]): after a failure, or when it was admitted
     * (against what the uplink carries with every member up and selected) while a member was down or LACP was still
     * negotiating. Guarantees are kept in priority order and this one is not among them. Carries
     * {@link #RESERVATION_BPS}, {@link #CAPACITY_BPS}, {@link #ADMISSIBLE_CAPACITY_BPS} and {@link #PRIORITY}.
     */
    public static final String GUARANTEE_BROKEN = "nicmgr/resource/GUARANTEE_BROKEN";

    /**
     * A reservation broken earlier fits again (after a failback, or once LACP has negotiated); same properties as a
     * broken one.
     */
    public static final String GUARANTEE_RESTORED = "nicmgr/resource/GUARANTEE_RESTORED";

    /**
     * After the capacity fell, a VM offers more than its share of what is left, so its frames beyond that share are now
     * queued, and dropped once its queue is full ([0116]). Carries {@link #OFFERED_BPS}, {@link #ENTITLED_BPS} and
     * {@link #CAPACITY_BPS}.
     */
    public static final String OVER_SHARE = "nicmgr/resource/OVER_SHARE";

    /**
     * A running VM has had frames ready for a while but precedence serves higher priorities first ([0117]-[0118]):
     * beyond its reservation it gets only the per-interval floor ([0097]), or nothing when that is off. Posted once per
     * spell. Carries {@link #PRIORITY} and {@link #STARVED_NANOS}; {@link #DETAILS} names the VMs served first.
     */
    public static final String STARVED = "nicmgr/resource/STARVED";

    /** An uplink's capacity changed. Carries {@link #CAPACITY_BPS} and {@link #PREVIOUS_CAPACITY_BPS}. */
    public static final String CAPACITY_CHANGED = "nicmgr/resource/CAPACITY_CHANGED";

    /**
     * A VM's allocation changed (by {@code net:alloc} or its configuration): one event per uplink the VM is connected
     * to, naming it in {@link #UPLINK} and the details; a VM connected to none gets one event without {@link #UPLINK}.
     * Carries {@link #PRIORITY} and {@link #RESERVATION_BPS}.
     */
    public static final String ALLOCATION_CHANGED = "nicmgr/resource/ALLOCATION_CHANGED";

    /** The VM concerned (or the uplink, for capacity events). */
    public static final String SUBJECT = "subject";
    /** The bond or unbonded NIC concerned. */
    public static final String UPLINK = "uplink";
    /** What happened, for people: the numbers that made it happen. */
    public static final String DETAILS = "details";
    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";
    /** Bits per second. */
    public static final String RESERVATION_BPS = "reservationBps";
    /** Bits per second. */
    public static final String CAPACITY_BPS = "capacityBps";
    /** Bits per second the uplink carries with every member up and selected: what reservations are admitted against. */
    public static final String ADMISSIBLE_CAPACITY_BPS = "admissibleCapacityBps";
    /** Bits per second. */
    public static final String PREVIOUS_CAPACITY_BPS = "previousCapacityBps";
    /** Bits per second, measured over the last statistics window. */
    public static final String OFFERED_BPS = "offeredBps";
    /** Bits per second that the VM's shares, reservation and priority entitle it to at the new capacity. */
    public static final String ENTITLED_BPS = "entitledBps";
    /**
     * Kernel nanoseconds in all that the VM had a frame ready while a VM of higher priority had one too, so that
     * precedence served the other first.
     */
    public static final String STARVED_NANOS = "starvedNanos";
    /** The VM's network priority, 0..10. */
    public static final String PRIORITY = "priority";

    private ResourceTopics() {
    }
}
