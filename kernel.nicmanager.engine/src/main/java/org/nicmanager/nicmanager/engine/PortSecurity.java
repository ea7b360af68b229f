package org.nicmanager.nicmanager.engine;

import org.nicmanager.kernel.api.vnic.VnicSecurity;

/**
 * A virtual NIC port's security policy and the two MACs it judges by, as a vSphere port does: the assigned MAC, given
 * when the virtual NIC connected, and the effective MAC, the one its guest set last. Decisions are read on the frame
 * path and change only on control events. World thread only.
 */
final class PortSecurity {

    final String vm;
    final int port;
    final long assignedMac;
    private final SecurityDropReport report;
    private long effectiveMac;
    private VnicSecurity policy = VnicSecurity.REJECT_ALL;
    /** Frames dropped by this policy, by reason; and how many of them the last report told. */
    private long forgedDrops;
    private long macChangeDrops;
    private long promiscuousDrops;
    private long forgedReported;
    private long macChangeReported;
    private long promiscuousReported;
    /** The guest asks for promiscuous mode on its adapter, as its back end reports. */
    private boolean promiscuousRequested;

    PortSecurity(String vm, int port, long assignedMac, SecurityDropReport report) {
        this.vm = vm;
        this.port = port;
        this.assignedMac = assignedMac;
        this.effectiveMac = assignedMac;
        this.report = report;
    }

    /** Frame path: a forged transmit was dropped. Counts, and has it reported within a second. */
    void forgedDropped() {
        forgedDrops++;
        report.dropSeen();
    }

    /** Frame path: a frame for this port was dropped because its guest's MAC change is refused. */
    void macChangeDropped() {
        macChangeDrops++;
        report.dropSeen();
    }

    /** Frame path: a frame this port's guest would have received in promiscuous mode was refused to it. */
    void promiscuousDropped() {
        promiscuousDrops++;
        report.dropSeen();
    }

    /** Control path: the drops since the last call, as {@code REASON=count} words, or "" when there were none. */
    String unreportedDrops() {
        StringBuilder words = new StringBuilder();
        if (forgedDrops > forgedReported) {
            words.append("FORGED_SOURCE_MAC=").append(forgedDrops - forgedReported);
        }
        if (macChangeDrops > macChangeReported) {
            words.append(words.isEmpty() ? "" : " ").append("MAC_CHANGE_REFUSED=")
                    .append(macChangeDrops - macChangeReported);
        }
        if (promiscuousDrops > promiscuousReported) {
            words.append(words.isEmpty() ? "" : " ").append("PROMISCUOUS_REFUSED=")
                    .append(promiscuousDrops - promiscuousReported);
        }
        forgedReported = forgedDrops;
        macChangeReported = macChangeDrops;
        promiscuousReported = promiscuousDrops;
        return words.toString();
    }

    /** False for a forged transmit its policy rejects: a source MAC other than the guest's effective MAC. */
    boolean admitsSource(long sourceMac) {
        return sourceMac == effectiveMac || policy.forgedTransmits();
    }

    /** True while the guest uses a MAC of its own choosing and its policy rejects MAC changes: it receives nothing. */
    boolean refusesInbound() {
        return effectiveMac != assignedMac && !policy.macChanges();
    }

    /** The MAC frames reach this port by: the effective MAC when MAC changes are accepted, else the assigned one. */
    long receivingMac() {
        return policy.macChanges() ? effectiveMac : assignedMac;
    }

    boolean promiscuous() {
        return policy.promiscuous() && !refusesInbound();
    }

    /** True while the guest asks for promiscuous mode and its policy rejects it: what it misses is counted. */
    boolean refusesPromiscuous() {
        return promiscuousRequested && !policy.promiscuous();
    }

    boolean promiscuousRequested() {
        return promiscuousRequested;
    }

    void setPromiscuousRequested(boolean requested) {
        this.promiscuousRequested = requested;
    }

    long effectiveMac() {
        return effectiveMac;
    }

    VnicSecurity policy() {
        return policy;
    }

    void setPolicy(VnicSecurity policy) {
        this.policy = policy;
    }

    void setEffectiveMac(long mac) {
        this.effectiveMac = mac;
    }
}
