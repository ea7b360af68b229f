package org.nicmanager.nicmanager.engine;

import org.nicmanager.kernel.api.vnic.VnicSecurity;

/**
 * A virtual NIC port's security policy and the two MACs it judges by, as a vSphere port does: the assigned MAC, given
 * when the virtual NIC connected, and the effective MAC, the one its guest set last. Decisions are read on the frame
 * path and change only on control events. World thread only.
 */
final class PortSecurity {

    final long assignedMac;
    private long effectiveMac;
    private VnicSecurity policy = VnicSecurity.REJECT_ALL;

    PortSecurity(long assignedMac) {
        this.assignedMac = assignedMac;
        this.effectiveMac = assignedMac;
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
