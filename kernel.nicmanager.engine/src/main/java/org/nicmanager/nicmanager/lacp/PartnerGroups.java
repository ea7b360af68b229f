package org.nicmanager.nicmanager.lacp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Patent step 754: NICs whose partner is the same system, with the same key, belong in one aggregate; a NIC alone
 * with its partner stays on its own. Pure function of what step 753 found.
 */
public final class PartnerGroups {

    private PartnerGroups() {
    }

    /**
     * @param partners each probed NIC's partner
     * @return the NICs of each partner, names sorted, partners in order of system ID then key
     */
    public static Map<PartnerKey, List<String>> byPartner(Map<String, PartnerKey> partners) {
        Map<PartnerKey, List<String>> groups = new TreeMap<>(java.util.Comparator.comparingInt(
                PartnerKey::systemPriority).thenComparingLong(PartnerKey::system).thenComparingInt(PartnerKey::key));
        new TreeMap<>(partners).forEach((nic, partner) -> groups.computeIfAbsent(partner, key -> new ArrayList<>())
                .add(nic));
        return groups;
    }
}
