package org.nicmanager.lib.lacp;

/**
 * A snapshot of one LACP port, as Open vSwitch's {@code lacp/show} gives it: the machines' states, the actor and
 * partner information exactly as the next LACPDU would carry them, and counters.
 *
 * @param lastReceivedNanos kernel time of the last valid LACPDU, or -1 when none has arrived
 * @param transmitFailures LACPDUs that found no buffer or a full ring; each is retried
 */
public record LacpPortStatus(String name, LacpRxState rx, LacpMuxState mux, LacpPeriodicState periodic,
        LacpSelection selected, LacpParticipant actor, LacpParticipant partner, LagId lagId, long pdusReceived,
        long pdusSent, long transmitFailures, long lastReceivedNanos) {
}
