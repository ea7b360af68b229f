package org.nicmanager.kernel.api.resource;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The resource manager's per-uplink scheduler (patent Figure 5, steps 806-810): per-VM queues, shaping filters,
 * proportional shares by virtual time, reservations, limits and priorities. Frames reach the uplink only through it.
 * Everything runs on the network world's thread; {@link #offer} and {@link #uplinkReady} allocate nothing.
 */
@ProviderType
public interface UplinkScheduler {

    /** A virtual NIC of {@code vm} sends through this uplink from now on; its frames carry {@code port}. */
    void connect(int port, String vm);

    /** That virtual NIC left the uplink; its queued frames are counted as dropped with the VM's reason. */
    void disconnect(int port);

    /**
     * Decides for one frame a guest sent (step 810): {@link Decision#SEND} hands it to the uplink now,
     * {@link Decision#QUEUE} keeps it in the VM's queue, {@link Decision#DROP} releases it and counts the reason. The
     * scheduler owns the frame in every case.
     */
    Decision offer(FrameBuffer frame);

    /** The uplink can take frames again: release queued frames, lowest virtual time first, while it is ready. */
    void uplinkReady();

    /** The uplink's members changed: capacity is recomputed at once ([0116]), and guarantees checked again. */
    void capacityChanged();

    /**
     * A frame this scheduler let go, from the virtual NIC of {@code port}, left the host on the wire: its VM's frame is
     * delivered. Frame path: counts only.
     */
    void transmitted(int port);

    /**
     * A frame this scheduler let go, from the virtual NIC of {@code port}, was dropped downstream (in the bond, refused
     * by a NIC, or left behind by a pulled cable): its VM's figures count it with {@code reason}, so that offered =
     * delivered + dropped + queued holds per VM. Frame path: counts only.
     */
    void droppedDownstream(int port, DropReason reason);
}
