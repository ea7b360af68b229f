package org.nicmanager.kernel.api.names;

import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * One name of the host.
 *
 * @param name the name, as commands take it
 * @param kind what it stands for
 * @param macs the MACs that reach it, first the one a command sends to (a VM's first virtual NIC); may be empty, as for
 *        a switch
 * @param owner the part of the host that gave the name, e.g. {@code kernel.vmmanager} or {@code sim.network}; where
 *        several gave the same name of the same kind (a simulated card is also a NIC of the kernel's inventory), each of
 *        them, separated by {@code ", "}
 * @param within the thing it belongs to (a virtual NIC's VM), or empty
 */
public record NameEntry(String name, NameKind kind, List<MacAddress> macs, String owner, String within) {

    public NameEntry {
        if (name == null || name.isEmpty() || kind == null || owner == null || within == null) {
            throw new IllegalArgumentException("a name entry needs a name, a kind, an owner and a within ('' for"
                    + " none), not " + name + "/" + kind + "/" + owner + "/" + within);
        }
        macs = List.copyOf(macs);
    }

    /** An entry that belongs to nothing else. */
    public NameEntry(String name, NameKind kind, List<MacAddress> macs, String owner) {
        this(name, kind, macs, owner, "");
    }

    /** True when {@code part} is one of the parts that gave this name. */
    public boolean ownedBy(String part) {
        return List.of(owner.split(", ")).contains(part);
    }

    /**
     * The MAC a frame to this entry goes to: its first.
     *
     * @throws IllegalArgumentException when it has none (a VM without virtual NICs, a switch), naming it
     */
    public MacAddress mac() {
        if (macs.isEmpty()) {
            throw new IllegalArgumentException(kind.name().toLowerCase().replace('_', ' ') + " '" + name
                    + "' has no MAC to send to" + (kind == NameKind.VM ? "; add a virtual NIC with vnic:add " + name
                            : ""));
        }
        return macs.get(0);
    }
}
