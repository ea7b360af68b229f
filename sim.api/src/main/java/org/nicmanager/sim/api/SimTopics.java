package org.nicmanager.sim.api;

/** EventAdmin topics posted by the simulated world when something physical happens. */
public final class SimTopics {

    /** A cable was pulled: carrier lost on both ends. */
    public static final String UNPLUGGED = "nicmgr/hw/UNPLUGGED";
    public static final String PLUGGED = "nicmgr/hw/PLUGGED";
    /** A card's hardware or ring failed (property {@link #FAULT}). */
    public static final String FAILED = "nicmgr/hw/FAILED";
    public static final String REPAIRED = "nicmgr/hw/REPAIRED";
    public static final String FLOOD_STARTED = "nicmgr/hw/FLOOD_STARTED";
    public static final String FLOOD_ENDED = "nicmgr/hw/FLOOD_ENDED";

    /** The NIC, host or switch concerned. */
    public static final String SUBJECT = "subject";
    /** HARDWARE or RING. */
    public static final String FAULT = "fault";
    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";

    private SimTopics() {
    }
}
