package org.nicmanager.nicmanager.bond;

/**
 * One entry of a bond's failover history.
 *
 * @param atNanos kernel time of the event
 * @param slot the member concerned
 * @param member its NIC's name
 * @param reason why
 */
public record FailoverEvent(long atNanos, int slot, String member, FailoverReason reason) {
}
