package org.nicmanager.kernel.api.vnic;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The NIC manager's side of virtual NICs: connects one to its bond, so that its frames go out over the bond and frames
 * for its MAC come back to it. Call on the network world's thread.
 */
@ProviderType
public interface VnicUplinks {

    /**
     * Connects a virtual NIC of VM {@code vm} to the bond {@code uplink}. The kernel-integrated NIC manager uses the VM
     * (its priority, which VM sent a frame) for VM-aware load distribution ([0076]).
     *
     * @param port the virtual NIC's port number, carried in {@code FrameBuffer.sourcePort()} of what it sends
     * @throws IllegalArgumentException for an unknown uplink (naming the bonds there are) or a MAC already connected
     */
    VnicUplink connect(String uplink, String vm, long mac, int port, VnicDelivery delivery);

    /** Disconnects the virtual NIC of that port; frames for its MAC are dropped as unknown from then on. */
    void disconnect(int port);

    /**
     * Sets the security policy of the virtual NIC of that port; a port starts with {@link VnicSecurity#REJECT_ALL}.
     * Takes effect from the next frame.
     *
     * @throws IllegalArgumentException when no virtual NIC of that port is connected
     * @since 1.3
     */
    void secure(int port, VnicSecurity security);

    /**
     * The guest of that port's virtual NIC set its adapter's MAC (its effective MAC; the MAC given at connect is the
     * assigned one). Forged transmits are judged against the effective MAC; with MAC changes accepted, frames for the
     * effective MAC reach the guest, and with them rejected, no frame does until the guest takes its assigned MAC back.
     *
     * @throws IllegalArgumentException when no virtual NIC of that port is connected, or another virtual NIC owns the
     *             MAC
     * @since 1.3
     */
    void guestMacChanged(int port, long mac);

    /**
     * The guest of that port's virtual NIC asked for promiscuous mode, or gave it up. With promiscuous mode accepted by
     * its port's policy it receives a copy of every frame on its uplink anyway; rejected, each frame it would have
     * received in promiscuous mode is counted as {@link org.nicmanager.kernel.api.frame.DropReason#PROMISCUOUS_REFUSED}
     * while it asks. The default ignores it.
     *
     * @throws IllegalArgumentException when no virtual NIC of that port is connected
     * @since 1.4
     */
    default void guestPromiscuousChanged(int port, boolean promiscuous) {
    }
}
