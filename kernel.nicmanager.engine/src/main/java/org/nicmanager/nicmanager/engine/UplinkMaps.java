package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/**
 * The host's uplinks by name and which NIC belongs to which (patent [0059]-[0061]): what {@link BondTable}, its rule
 * checks ({@link MembershipRules}) and its virtual NIC ports ({@link VnicPorts}) share. World thread only.
 */
final class UplinkMaps {

    final Map<String, Uplink> bonds = new TreeMap<>();
    /** Unbonded NICs a virtual NIC is assigned to directly, by NIC name. */
    final Map<String, Uplink> unbonded = new TreeMap<>();
    /** The NICs present now, by name. */
    final Map<String, PhysicalNic> nics = new HashMap<>();
    /** NIC name to the bond that claims it, present or not: a NIC is in at most one bond. */
    final Map<String, String> bondOfNic = new HashMap<>();
    /** What the NIC manager knows of VMs: who owns each virtual NIC port, for the VM-aware policies. */
    final VmKnowledge vms;

    UplinkMaps(VmKnowledge vms) {
        this.vms = vms;
    }

    /** The bond of that name; an unknown name is refused, listing the bonds. */
    Uplink bond(String name) {
        Uplink uplink = bonds.get(name);
        if (uplink == null) {
            throw new IllegalArgumentException("no bond named '" + name + "'; bonds: " + listing(bonds.keySet()));
        }
        return uplink;
    }

    /** The bond or unbonded NIC of that name, or {@code null}. */
    Uplink uplink(String name) {
        return bonds.containsKey(name) ? bonds.get(name) : unbonded.get(name);
    }

    Collection<Uplink> all() {
        List<Uplink> all = new ArrayList<>(bonds.values());
        all.addAll(unbonded.values());
        return all;
    }

    /** Names of the VMs whose virtual NICs connect to the uplink; none known without VM information. */
    List<String> vmsOn(Uplink uplink) {
        return vms.vmsOf(uplink.router.ports());
    }

    static String listing(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }
}
