package org.nicmanager.nicmanager.lacp;

import org.nicmanager.kernel.api.nic.PhysicalNic;

/** What a bond's LACP needs to know of its members, by slot, and how it tells the bond that gates changed. */
public interface LacpMembers {

    /** Slots in use, present or removed. */
    int count();

    PhysicalNic nic(int slot);

    /** The member is present and its link is UP. */
    boolean up(int slot);

    /** The slot at {@code rank} of the failover order. */
    int slotAt(int rank);

    /** Which members may collect or distribute changed: rebuild the active list (a control event). */
    void gatesChanged();
}
