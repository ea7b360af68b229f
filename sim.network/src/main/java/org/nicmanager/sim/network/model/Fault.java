package org.nicmanager.sim.network.model;

/** Faults a card can be given. */
public enum Fault {
    /** The card stops: carrier lost, frames on its ring dropped and counted. */
    HARDWARE,
    /** The transmit ring stays full: every transmit answers BUSY (the patent's temporary resource limitation). */
    RING
}
