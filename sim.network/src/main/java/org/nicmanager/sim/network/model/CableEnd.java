package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.frame.FrameBuffer;

/** Something a cable plugs into: a card, an external host or a switch port. Called on the world thread. */
interface CableEnd {

    /** The cable was connected; {@code outbound} carries what this end sends. */
    void connect(Cable cable, Cable.Direction outbound);

    /** A frame arrived from the far end; this end now owns it. */
    void receive(FrameBuffer frame);

    /** Carrier came or went; called at the moment it changes, on both ends. */
    void carrierChanged(boolean up);

    /** False while this end's hardware has failed, which holds the carrier down. */
    default boolean operational() {
        return true;
    }
}
