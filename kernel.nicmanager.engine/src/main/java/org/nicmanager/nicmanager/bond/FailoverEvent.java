package org.nicmanager.nicmanager.bond;

/**
 * One entry of a bond's failover history.
 *
 * @param atNanos kernel time of the event
 * @param slot the member concerned
 * @param member its NIC's name
 * @param reason why
 * @param details what happened, for people, when the reason alone does not say it ({@link FailoverReason#LOAD_MOVED}:
 *            which port moved from where, and the load); {@code null} otherwise
 */
public record FailoverEvent(long atNanos, int slot, String member, FailoverReason reason, String details) {

    public FailoverEvent(long atNanos, int slot, String member, FailoverReason reason) {
        this(atNanos, slot, member, reason, null);
    }
}
