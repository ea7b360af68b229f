package org.nicmanager.nicmanager.distribution;

/** Told when a policy moved a VM's port to another member (control path), so that operators see ports move. */
@FunctionalInterface
public interface PortMoves {

    PortMoves NONE = (port, from, to, fromPercent, toPercent, busySeconds) -> { };

    /**
     * @param port the virtual NIC port that moved
     * @param fromSlot the member it left
     * @param toSlot the member that carries it now
     * @param fromPercent the transmit utilisation of the member it left, over the last second, in % of its line rate
     * @param toPercent the same for the member it moved to, before the move
     * @param busySeconds for how long the member it left had been at or over the threshold
     */
    void moved(int port, int fromSlot, int toSlot, int fromPercent, int toPercent, int busySeconds);
}
