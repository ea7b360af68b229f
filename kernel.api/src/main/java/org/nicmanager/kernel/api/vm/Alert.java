package org.nicmanager.kernel.api.vm;

/**
 * What an automatic action tells the administrator (the patent's email, [0124], [0133]).
 *
 * @param topic the EventAdmin topic it was also posted under, e.g. {@code nicmgr/dos/DETECTED}
 * @param subject the VM or uplink concerned
 * @param details what happened and why, with the figures
 * @param timeNanos kernel-clock time
 */
public record Alert(String topic, String subject, String details, long timeNanos) {
}
