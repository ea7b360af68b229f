package org.nicmanager.nicmanager.lacp.auto;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.lacp.PartnerKey;

/** What automatic bonding needs from the host: its NICs, who uses them, and the NIC manager's bonds. World thread. */
public interface AutoBondHost {

    /** The NICs present now, by name. */
    Map<String, PhysicalNic> nics();

    /** NICs that are not free: claimed by a bond (present or not) or used directly by a virtual NIC. */
    Set<String> claimed();

    /** Every bond's name. */
    Set<String> bondNames();

    /** For each LACP bond, the partner its members have heard. */
    Map<PartnerKey, String> bondsByPartner();

    void createBond(String name, String policy, BondSettings settings);

    void addToBond(String bond, List<String> nics);
}
