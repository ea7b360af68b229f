package org.nicmanager.kernel.api.dos;

/**
 * EventAdmin topics of the DoS defence. Every event carries {@link #TIME}, {@link #SUBJECT} (the VM or uplink
 * attacked) and a readable {@link #DETAILS}; detections add {@link #KIND} and {@link #TARGET_KIND}, responses
 * {@link #RESPONSE_NAME}, and the suspend response {@link #SUSPENDED_VMS}, {@link #UPLINKS} and
 * {@link #BELOW_PRIORITY}.
 */
public final class DosTopics {

    /** Every DoS topic starts so; subscribe to {@code nicmgr/dos/*}. */
    public static final String PREFIX = "nicmgr/dos/";
    /** A detector found an attack on a VM or an uplink (its start is recorded). */
    public static final String DETECTED = PREFIX + "DETECTED";
    /** An attack is no longer seen (its end is recorded). */
    public static final String ENDED = PREFIX + "ENDED";
    /** A response was applied to protect a VM (or failed, said in the details). */
    public static final String RESPONSE = PREFIX + "RESPONSE";
    /** A response was undone after the attack, past the policy's quiet time (hysteresis). */
    public static final String RESPONSE_UNDONE = PREFIX + "RESPONSE_UNDONE";

    /** Kernel-clock time of the event, in nanoseconds. */
    public static final String TIME = "time";
    public static final String SUBJECT = "subject";
    public static final String DETAILS = "details";
    /** The detector's kind, e.g. {@code RATE_ANOMALY}. */
    public static final String KIND = "kind";
    /** {@code VM} or {@code UPLINK}. */
    public static final String TARGET_KIND = "targetKind";
    /** The {@link DosResponse} name. */
    public static final String RESPONSE_NAME = "response";
    /** {@code SUSPEND_LOWER_PRIORITY}: the VMs it suspended, a {@code List<String>} (empty when none). */
    public static final String SUSPENDED_VMS = "suspendedVms";
    /** {@code SUSPEND_LOWER_PRIORITY}: the victim's attacked uplinks it looked at, a {@code List<String>}. */
    public static final String UPLINKS = "uplinks";
    /** {@code SUSPEND_LOWER_PRIORITY}: only VMs of a priority below this one were suspended (an Integer). */
    public static final String BELOW_PRIORITY = "belowPriority";

    private DosTopics() {
    }
}
