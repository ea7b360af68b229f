package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FramePool;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.MemberState;

/**
 * The host's bonds and which NIC belongs to which (patent [0059]-[0061]), owned by the network world's thread. Every
 * refusal names the value and the rule, and changes nothing.
 */
public final class BondTable {

    private static final int GROUP_COPY_BUFFERS = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,31}");

    private final KernelScheduler scheduler;
    private final VmPorts vmPorts;
    private final Map<String, Bond> bonds = new TreeMap<>();
    private final Map<String, InboundRouter> routers = new HashMap<>();
    /** Buffers for the copies of broadcast and multicast frames, one per extra receiving virtual NIC. */
    private final FramePool groupCopies = new FramePool(GROUP_COPY_BUFFERS, FrameBuffer.MAX_FRAME_BYTES);
    private final Map<String, PhysicalNic> nics = new HashMap<>();
    /** NIC name to the bond it belongs to: a NIC is in at most one bond. */
    private final Map<String, String> bondOfNic = new HashMap<>();

    /** @param vmPorts VM information for VM-aware policies, or {@code null} where there is none (loadable variant) */
    public BondTable(KernelScheduler scheduler, VmPorts vmPorts) {
        this.scheduler = scheduler;
        this.vmPorts = vmPorts;
    }

    public BondInfo create(String name, LoadDistribution policy, BondSettings settings) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad bond name '" + name + "': use 1-32 letters, digits, '.', '_' or"
                    + " '-', starting with a letter");
        }
        if (bonds.containsKey(name)) {
            throw new IllegalArgumentException("a bond named '" + name + "' already exists");
        }
        if (nics.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a NIC's name; a bond needs a name of its own");
        }
        Bond bond = new Bond(name, policy, vmPorts, scheduler, settings);
        InboundRouter router = new InboundRouter(bond, groupCopies);
        bond.setInbound(router);
        bonds.put(name, bond);
        routers.put(name, router);
        return bond.stats().info();
    }

    /** Adds NICs to a bond in the order given; all are checked before any joins. */
    public BondInfo add(String bondName, List<String> nicNames) {
        Bond bond = bond(bondName);
        List<PhysicalNic> joining = new ArrayList<>();
        for (String nicName : nicNames) {
            PhysicalNic nic = nics.get(nicName);
            if (nic == null) {
                throw new IllegalArgumentException("unknown NIC '" + nicName + "'; NICs: " + listing(nics.keySet()));
            }
            String owner = bondOfNic.get(nicName);
            if (owner != null) {
                throw new IllegalArgumentException("NIC " + nicName + " is already in bond " + owner
                        + "; a NIC is in at most one bond");
            }
            if (joining.contains(nic)) {
                throw new IllegalArgumentException("NIC " + nicName + " is named twice");
            }
            joining.add(nic);
        }
        for (PhysicalNic nic : joining) {
            bond.addMember(nic);
            bondOfNic.put(nic.name(), bondName);
        }
        return bond.stats().info();
    }

    /**
     * Takes NICs out of a bond; the bond fails over from each at once.
     *
     * @param runningVmsOnBond running VMs whose virtual NICs use this bond: while there are any, no NIC may leave it
     */
    public BondInfo remove(String bondName, List<String> nicNames, List<String> runningVmsOnBond) {
        Bond bond = bond(bondName);
        if (!runningVmsOnBond.isEmpty()) {
            throw new IllegalArgumentException("bond " + bondName + " is used by running VMs " + runningVmsOnBond
                    + "; a NIC cannot leave a bond that a running VM uses");
        }
        List<Integer> slots = new ArrayList<>();
        for (String nicName : nicNames) {
            if (!bondName.equals(bondOfNic.get(nicName))) {
                throw new IllegalArgumentException("NIC " + nicName + " is not a member of bond " + bondName);
            }
            slots.add(slotOf(bond, nicName));
        }
        for (int i = 0; i < slots.size(); i++) {
            bond.removeMember(slots.get(i));
            bondOfNic.remove(nicNames.get(i));
        }
        return bond.stats().info();
    }

    /** Connects a virtual NIC to a bond: its frames go out over the bond, frames for its MAC come back to it. */
    /** @param priority the VM's network priority, for the VM-aware policies */
    public VnicUplink connect(String uplink, String vm, int priority, long mac, int port, VnicDelivery delivery) {
        Bond bond = bonds.get(uplink);
        if (bond == null && bondOfNic.containsKey(uplink)) {
            throw new IllegalArgumentException("NIC " + uplink + " is in bond " + bondOfNic.get(uplink) + "; a virtual"
                    + " NIC is assigned to the bond, never to a bonded NIC alone");
        }
        if (bond == null) {
            throw new IllegalArgumentException("unknown uplink '" + uplink + "': a virtual NIC connects to a bond;"
                    + " bonds: " + listing(bonds.keySet()));
        }
        for (InboundRouter router : routers.values()) {
            if (router.owns(mac)) {
                throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " is already connected");
            }
        }
        routers.get(uplink).connect(mac, port, delivery);
        if (vmPorts != null) {
            vmPorts.connect(port, vm, priority);
            bond.vmsChanged();
        }
        return frame -> {
            bond.transmit(frame); // the bond owns the frame from here, whatever it decides
            return true;
        };
    }

    /** Names of the VMs whose virtual NICs connect to that bond. */
    public List<String> vmsOn(String bondName) {
        bond(bondName); // refuses an unknown bond by name
        if (vmPorts == null) {
            return List.of();
        }
        return routers.get(bondName).ports().stream().map(vmPorts::vmNameOfPort).distinct().toList();
    }

    public void disconnect(int port) {
        routers.values().forEach(router -> router.disconnect(port));
        if (vmPorts != null) {
            vmPorts.disconnect(port);
            bonds.values().forEach(Bond::vmsChanged);
        }
    }

    public void nicArrived(PhysicalNic nic) {
        nics.put(nic.name(), nic);
    }

    /** A NIC's driver went away: its bond fails over (patent step 752, in reverse). */
    public void nicLeft(PhysicalNic nic) {
        if (nics.get(nic.name()) != nic) {
            return;
        }
        nics.remove(nic.name());
        String bondName = bondOfNic.remove(nic.name());
        if (bondName != null) {
            Bond bond = bonds.get(bondName);
            bond.memberVanished(slotOf(bond, nic.name()));
        }
    }

    /** The NIC manager is going away: let go of every member NIC so that a successor can take them. */
    public void detachAll() {
        for (String nicName : bondOfNic.keySet()) {
            PhysicalNic nic = nics.get(nicName);
            nic.attach(null);
            nic.setPromiscuous(false);
        }
    }

    public Bond bond(String name) {
        Bond bond = bonds.get(name);
        if (bond == null) {
            throw new IllegalArgumentException("no bond named '" + name + "'; bonds: " + listing(bonds.keySet()));
        }
        return bond;
    }

    public List<BondInfo> all() {
        return bonds.values().stream().map(bond -> bond.stats().info()).toList();
    }

    /** The bond a NIC belongs to, or {@code null}. */
    public String bondOf(String nicName) {
        return bondOfNic.get(nicName);
    }

    private static int slotOf(Bond bond, String nicName) {
        var stats = bond.stats();
        for (int slot = 0; slot < stats.members().size(); slot++) {
            var member = stats.member(slot);
            if (member.nic().equals(nicName) && member.state() != MemberState.REMOVED) {
                return slot;
            }
        }
        throw new IllegalStateException("bond " + bond.name() + " has no current member " + nicName);
    }

    private static String listing(java.util.Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(names));
    }
}
