package org.nicmanager.kernel.api.vnic;

/**
 * A virtual NIC port's security policy: vSphere's three switches, each accepted ({@code true}) or rejected.
 *
 * @param forgedTransmits accept frames whose source MAC is not the guest's effective MAC; rejected, they are dropped
 *            and counted ({@link org.nicmanager.kernel.api.frame.DropReason#FORGED_SOURCE_MAC})
 * @param macChanges let the guest receive at an effective MAC other than its assigned one; rejected, a guest that
 *            changed its MAC receives nothing until it takes the assigned MAC back
 *            ({@link org.nicmanager.kernel.api.frame.DropReason#MAC_CHANGE_REFUSED})
 * @param promiscuous give the guest a copy of every frame on its own uplink; rejected, it receives its own unicast and
 *            group frames only
 * @since 1.3
 */
public record VnicSecurity(boolean forgedTransmits, boolean macChanges, boolean promiscuous) {

    /** Every switch rejected: a vSphere distributed switch's default. */
    public static final VnicSecurity REJECT_ALL = new VnicSecurity(false, false, false);
}
