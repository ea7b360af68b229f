package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.frame.DropReason;

/**
 * Told what became of each VM frame the bond took: its last bit left a member's NIC, or it was dropped with a reason
 * (in the bond, refused by a NIC, or handed back by a NIC whose cable was pulled and not resent). The frame's
 * {@link org.nicmanager.kernel.api.frame.FrameBuffer#sourcePort() source port} names its virtual NIC, so each VM's
 * figures include every drop downstream of the resource manager. Called on the frame path: implementations count and
 * return; no allocation, no locks, no logging.
 */
public interface FrameFates {

    FrameFates NONE = new FrameFates() {
        @Override
        public void transmitted(int sourcePort) {
        }

        @Override
        public void dropped(int sourcePort, DropReason reason) {
        }
    };

    /** A frame of that virtual NIC port left the host on the wire. */
    void transmitted(int sourcePort);

    /** A frame of that virtual NIC port was dropped for {@code reason} after the bond took it. */
    void dropped(int sourcePort, DropReason reason);
}
