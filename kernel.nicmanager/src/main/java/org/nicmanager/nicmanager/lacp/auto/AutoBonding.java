package org.nicmanager.nicmanager.lacp.auto;

import java.util.List;

/** Automatic bonding as the shell reaches it (a service private to this bundle). */
public interface AutoBonding {

    /** Turns automatic bonding on or off now, and stores the choice so that it survives a restart. */
    AutoBondStatus setEnabled(boolean enabled);

    AutoBondStatus status();

    /**
     * Patent step 753's findings: for every NIC LACP has asked, whether its switch speaks LACP and who it is: the
     * members of LACP bonds, and the free NICs being probed.
     */
    List<PartnerRow> partners();

    /**
     * One NIC's partner. {@code bond} is null for a free NIC; {@code lacp} YES, NO or UNKNOWN; {@code partner} null
     * while none was heard.
     */
    record PartnerRow(String nic, String bond, String lacp, String partner) {
    }
}
