package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FramePool;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;

/**
 * The host's uplinks and which NIC belongs to which (patent [0059]-[0061]), owned by the network world's thread. An
 * uplink is a bond, or an unbonded NIC a virtual NIC is assigned to directly (kept as a bond of one that the operator
 * does not see). Every refusal names the value and the rule, and changes nothing.
 *
 * <p>A bond remembers the NICs it was given, present or not: a NIC whose driver goes away leaves it (failover) and
 * rejoins it when a NIC of that name is registered again.
 */
public final class BondTable {

    private static final int GROUP_COPY_BUFFERS = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,31}");

    private final KernelScheduler scheduler;
    private final VmPorts vmPorts;
    private final PolicyCatalog policies;
    private final PolicyFallback fallback;
    private final Gates gates;
    private final BondEvents events;
    private final Map<String, Uplink> bonds = new TreeMap<>();
    private final Map<String, Uplink> unbonded = new TreeMap<>();
    /** Buffers for the copies of broadcast and multicast frames, one per extra receiving virtual NIC. */
    private final FramePool groupCopies = new FramePool(GROUP_COPY_BUFFERS, FrameBuffer.MAX_FRAME_BYTES);
    private final Map<String, PhysicalNic> nics = new HashMap<>();
    /** NIC name to the bond that claims it, present or not: a NIC is in at most one bond. */
    private final Map<String, String> bondOfNic = new HashMap<>();
    /** Virtual NIC port to the uplink it is connected to. */
    private final Map<Integer, Uplink> uplinkOfPort = new HashMap<>();

    /**
     * @param vmPorts VM information for VM-aware policies, or {@code null} where there is none (loadable variant)
     * @param gates what stands between VMs and each uplink: nothing, or the resource manager
     * @param policies the load-distribution policies offered now (the whiteboard)
     */
    public BondTable(KernelScheduler scheduler, VmPorts vmPorts, Gates gates, BondEvents events,
            PolicyCatalog policies) {
        this.scheduler = scheduler;
        this.vmPorts = vmPorts;
        this.gates = gates;
        this.events = events;
        this.policies = policies;
        this.fallback = new PolicyFallback(policies, Policies.defaultPolicy(vmPorts != null), events);
    }

    /** A table with the built-in policies, for tests. */
    public BondTable(KernelScheduler scheduler, VmPorts vmPorts, Gates gates, BondEvents events) {
        this(scheduler, vmPorts, gates, events, PolicyCatalog.builtIn(vmPorts != null));
    }

    /** A table with no resource manager and no events: for tests and benchmarks. */
    public BondTable(KernelScheduler scheduler, VmPorts vmPorts) {
        this(scheduler, vmPorts, Gates.DIRECT, BondEvents.NONE);
    }

    // --- bonds ------------------------------------------------------------------------------------------------------

    public BondReport create(String name, String policy, BondSettings settings) {
        checkNewBondName(name);
        Uplink uplink = open(name, policies.require(policy), settings, false);
        bonds.put(name, uplink);
        events.bondChanged(BondEvents.CREATED, name, policy);
        return report(uplink);
    }

    /** Refuses, naming the rule, a name no new bond may have: malformed, another bond's, or a NIC's. */
    public void checkNewBondName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad bond name '" + name + "': use 1-32 letters, digits, '.', '_' or"
                    + " '-', starting with a letter");
        }
        if (bonds.containsKey(name)) {
            throw new IllegalArgumentException("a bond named '" + name + "' already exists");
        }
        if (nics.containsKey(name) || bondOfNic.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a NIC's name; a bond needs a name of its own");
        }
    }

    /**
     * Re-creates a stored bond: its NICs join now if present, or when their drivers register them, in the stored
     * order. A NIC another bond claims already is left out.
     */
    public void restore(BondConfig config) {
        Uplink uplink = bonds.get(config.name());
        if (uplink == null) {
            create(config.name(), config.policy(), config.settings());
            uplink = bonds.get(config.name());
        }
        for (String nicName : config.nics()) {
            if (!bondOfNic.containsKey(nicName) && !unbonded.containsKey(nicName)) {
                join(uplink, nicName);
            }
        }
    }

    /** Deletes a bond no virtual NIC uses; its NICs become unbonded. */
    public void delete(String bondName) {
        Uplink uplink = bondUplink(bondName);
        if (inUse(bondName)) {
            throw new IllegalArgumentException("bond " + bondName + " still has virtual NICs of VMs " + vmsOn(uplink)
                    + "; assign them elsewhere first (vnic:assign)");
        }
        uplink.close();
        uplink.wanted.forEach(bondOfNic::remove);
        bonds.remove(bondName);
        events.bondChanged(BondEvents.DELETED, bondName, "");
    }

    /**
     * Adds NICs to a bond in the order given; all are checked before any joins. A NIC not present now joins when its
     * driver registers it.
     *
     * @param running tells which VMs run: a NIC assigned unbonded to a running VM cannot join a bond
     */
    public BondReport add(String bondName, List<String> nicNames, java.util.function.Predicate<String> running) {
        Uplink uplink = bondUplink(bondName);
        List<String> joining = new ArrayList<>();
        for (String nicName : nicNames) {
            if (nics.get(nicName) == null) {
                throw new IllegalArgumentException("unknown NIC '" + nicName + "'; NICs: " + listing(nics.keySet()));
            }
            if (bondName.equals(bondOfNic.get(nicName))) {
                throw new IllegalArgumentException("NIC " + nicName + " is already in bond " + bondName
                        + "; a NIC is in at most one bond");
            }
            if (joining.contains(nicName)) {
                throw new IllegalArgumentException("NIC " + nicName + " is named twice");
            }
            checkCanJoin(bondName, nicName, running);
            joining.add(nicName);
        }
        for (String nicName : joining) {
            join(uplink, nicName);
        }
        return report(uplink);
    }

    /** Puts a NIC in a bond: it claims the name, and the NIC (when present) becomes a member. */
    private void join(Uplink uplink, String nicName) {
        uplink.wanted.add(nicName);
        bondOfNic.put(nicName, uplink.bond.name());
        PhysicalNic nic = nics.get(nicName);
        if (nic != null) {
            uplink.bond.addMember(nic);
            events.memberChanged(BondEvents.MEMBER_ADDED, uplink.bond.name(), nicName);
            announceMtuMismatch(uplink, nic);
        }
    }

    /** A member joined: when the members' MTUs differ now, the operator is told at once (the command's answer too). */
    private void announceMtuMismatch(Uplink uplink, PhysicalNic nic) {
        BondStats stats = uplink.bond.stats();
        String warning = stats.mtuWarning();
        if (warning != null) {
            events.mtuMismatch(uplink.bond.name(), nic.name(), nic.mtuBytes(), stats.mtuBytes(), warning);
        }
    }

    private void refuseIfAssignedUnbonded(String nicName, java.util.function.Predicate<String> running) {
        Uplink direct = unbonded.get(nicName);
        if (direct == null) {
            return;
        }
        List<String> vms = vmsOn(direct);
        List<String> runningVms = vms.stream().filter(running).toList();
        if (!runningVms.isEmpty()) {
            throw new IllegalArgumentException("NIC " + nicName + " is assigned unbonded to running VMs " + runningVms
                    + "; a NIC cannot join a bond while it is assigned unbonded to a running VM");
        }
        throw new IllegalArgumentException("NIC " + nicName + " is assigned unbonded to virtual NICs of VMs " + vms
                + "; a virtual NIC is never assigned to a bonded NIC alone, so assign them elsewhere first"
                + " (vnic:assign)");
    }

    /**
     * Takes NICs out of a bond; the bond fails over from each at once.
     *
     * @param running tells which VMs run: while a running VM uses the bond, no NIC may leave it
     */
    public BondReport remove(String bondName, List<String> nicNames, java.util.function.Predicate<String> running) {
        Uplink uplink = bondUplink(bondName);
        checkCanLeave(bondName, running);
        for (String nicName : nicNames) {
            if (!uplink.wanted.contains(nicName)) {
                throw new IllegalArgumentException("NIC " + nicName + " is not a member of bond " + bondName
                        + "; its members: " + listing(uplink.wanted));
            }
        }
        for (String nicName : nicNames) {
            int slot = uplink.bond.presentSlot(nicName);
            if (slot >= 0) {
                uplink.bond.removeMember(slot);
            }
            uplink.wanted.remove(nicName);
            bondOfNic.remove(nicName);
            events.memberChanged(BondEvents.MEMBER_REMOVED, bondName, nicName);
        }
        return report(uplink);
    }

    /**
     * Refuses, naming the rule, NICs leaving a bond now: no NIC may leave a bond that a running VM uses.
     *
     * @param running tells which VMs run
     */
    public void checkCanLeave(String bondName, java.util.function.Predicate<String> running) {
        List<String> runningVms = vmsOn(bondUplink(bondName)).stream().filter(running).toList();
        if (!runningVms.isEmpty()) {
            throw new IllegalArgumentException("bond " + bondName + " is used by running VMs " + runningVms
                    + "; a NIC cannot leave a bond that a running VM uses");
        }
    }

    /**
     * Gives a bond the NICs a configuration names, in that order, present or not, as {@link #restore} does; a NIC not
     * present now joins when its driver registers it. NICs the bond has already stay where they are. All are checked
     * ({@link #checkCanJoin}) before any joins.
     */
    public BondReport adopt(String bondName, List<String> nicNames, java.util.function.Predicate<String> running) {
        Uplink uplink = bondUplink(bondName);
        List<String> joining = nicNames.stream().filter(nic -> !uplink.wanted.contains(nic)).distinct().toList();
        for (String nicName : joining) {
            checkCanJoin(bondName, nicName, running);
        }
        for (String nicName : joining) {
            join(uplink, nicName);
        }
        return report(uplink);
    }

    /**
     * Refuses, naming the rule, a NIC that may not join that bond (existing or about to be made): a NIC is in at most
     * one bond, a bond's name is no NIC's, and a NIC assigned unbonded to a virtual NIC stays unbonded. A NIC not
     * present now may join: it becomes a member when its driver registers it.
     */
    public void checkCanJoin(String bondName, String nicName, java.util.function.Predicate<String> running) {
        String owner = bondOfNic.get(nicName);
        if (owner != null && !owner.equals(bondName)) {
            throw new IllegalArgumentException("NIC " + nicName + " is already in bond " + owner
                    + "; a NIC is in at most one bond");
        }
        if (bonds.containsKey(nicName) || nicName.equals(bondName)) {
            throw new IllegalArgumentException("'" + nicName + "' is a bond's name, not a NIC's");
        }
        refuseIfAssignedUnbonded(nicName, running);
    }

    /** Refuses a policy this NIC manager cannot honour (a VM-aware one in the loadable variant), naming the others. */
    public void checkPolicy(String policy) {
        policies.require(policy);
    }

    /**
     * A policy service left: the bonds that ran it run another service of its name, or fall back to the default
     * policy and wait for it. Returns what happened, one line a bond, for the log.
     */
    public List<String> policyLeft(DistributionPolicy gone) {
        return fallback.left(gone, bonds.values(), unbonded.values());
    }

    /** A policy service arrived: the bonds waiting for its name run it again. Returns one line a bond moved back. */
    public List<String> policyArrived(DistributionPolicy arrived) {
        return fallback.arrived(arrived, bonds.values());
    }

    /** True when virtual NICs are connected to the bond: it cannot be deleted, nor re-created, under them. */
    public boolean inUse(String bondName) {
        return !bondUplink(bondName).router.ports().isEmpty();
    }

    public boolean hasBond(String name) {
        return bonds.containsKey(name);
    }

    /** Changes a bond's load-distribution policy; a policy the variant cannot honour is refused. */
    public BondReport policy(String bondName, String policy) {
        Uplink uplink = bondUplink(bondName);
        uplink.bond.setPolicy(policies.require(policy));
        uplink.awaitedPolicy = null; // the operator chose: the bond waits for no other policy
        events.bondChanged(BondEvents.POLICY_CHANGED, bondName, policy);
        return report(uplink);
    }

    /**
     * Changes a running bond's failover-on-busy time (0: off); the next busy period uses it.
     *
     * @throws IllegalArgumentException outside 1 ms to 1 h, naming the value; nothing changes
     */
    public BondReport failoverOnBusy(String bondName, long nanos) {
        Uplink uplink = bondUplink(bondName);
        uplink.bond.setFailoverOnBusyNanos(nanos);
        return report(uplink);
    }

    /** Puts these present members first in the bond's failover order ([0070]); the others follow as before. */
    public BondReport order(String bondName, List<String> nicNames) {
        Uplink uplink = bondUplink(bondName);
        int[] slots = new int[nicNames.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = uplink.bond.presentSlot(nicNames.get(i));
            if (slots[i] < 0) {
                throw new IllegalArgumentException("NIC " + nicNames.get(i) + " is not a present member of bond "
                        + bondName + "; its members: " + listing(uplink.wanted));
            }
        }
        uplink.bond.putFirst(slots);
        return report(uplink);
    }

    /** Manual failback ([0104]): puts a recovered member back in service now. */
    public BondReport failback(String bondName, String nicName) {
        Uplink uplink = bondUplink(bondName);
        int slot = uplink.bond.presentSlot(nicName);
        if (slot < 0) {
            throw new IllegalArgumentException("NIC " + nicName + " is not a present member of bond " + bondName);
        }
        if (!uplink.bond.failback(slot)) {
            throw new IllegalArgumentException(nicName + " already carries traffic in bond " + bondName);
        }
        return report(uplink);
    }

    // --- virtual NICs -----------------------------------------------------------------------------------------------

    /**
     * Connects a virtual NIC to a bond or an unbonded NIC: its frames go out there, frames for its MAC come back to it.
     *
     * @param priority the VM's network priority, for the VM-aware policies
     */
    public VnicUplink connect(String uplinkName, String vm, int priority, long mac, int port, VnicDelivery delivery) {
        Uplink uplink = bonds.get(uplinkName);
        if (uplink == null && bondOfNic.containsKey(uplinkName)) {
            throw new IllegalArgumentException("NIC " + uplinkName + " is in bond " + bondOfNic.get(uplinkName)
                    + "; a virtual NIC is assigned to the bond, never to a bonded NIC alone");
        }
        if (uplink == null && !nics.containsKey(uplinkName) && !unbonded.containsKey(uplinkName)) {
            throw new IllegalArgumentException("unknown uplink '" + uplinkName + "': a virtual NIC connects to a bond"
                    + " or an unbonded NIC; bonds: " + listing(bonds.keySet()) + "; unbonded NICs: "
                    + listing(nics.keySet().stream().filter(nic -> !bondOfNic.containsKey(nic)).toList()));
        }
        for (Uplink present : uplinks()) {
            if (present.router.owns(mac)) {
                throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " is already connected");
            }
        }
        if (uplinkOfPort.containsKey(port)) {
            throw new IllegalArgumentException("virtual NIC port " + port + " is already connected");
        }
        if (uplink == null) {
            uplink = unbonded.computeIfAbsent(uplinkName, this::openUnbonded);
        }
        uplink.router.connect(mac, port, delivery);
        uplinkOfPort.put(port, uplink);
        if (vmPorts != null) {
            vmPorts.connect(port, vm, priority);
            uplink.bond.vmsChanged();
        }
        uplink.gate.connect(port, vm);
        Gate gate = uplink.gate;
        InboundRouter local = uplink.router;
        return frame -> {
            if (!local.switchLocally(frame)) {
                gate.offer(frame); // the gate owns the frame from here, whatever it decides
            }
            return true;
        };
    }

    public void disconnect(int port) {
        Uplink uplink = uplinkOfPort.remove(port);
        if (uplink == null) {
            return;
        }
        uplink.gate.disconnect(port);
        uplink.router.disconnect(port);
        if (vmPorts != null) {
            vmPorts.disconnect(port);
            uplink.bond.vmsChanged();
        }
        if (uplink.unbondedNic && uplink.router.ports().isEmpty()) {
            uplink.close(); // no one uses the NIC directly any more: it is free to join a bond
            unbonded.remove(uplink.bond.name());
        }
    }

    /** Names of the VMs whose virtual NICs connect to that bond or unbonded NIC. */
    public List<String> vmsOn(String uplinkName) {
        Uplink uplink = bonds.containsKey(uplinkName) ? bonds.get(uplinkName) : unbonded.get(uplinkName);
        if (uplink == null) {
            bondUplink(uplinkName); // refuses an unknown bond by name
        }
        return vmsOn(uplink);
    }

    private List<String> vmsOn(Uplink uplink) {
        if (vmPorts == null) {
            return List.of();
        }
        return uplink.router.ports().stream().map(vmPorts::vmNameOfPort).distinct().toList();
    }

    // --- NICs arriving and leaving ------------------------------------------------------------------------------------

    /** A driver registered a NIC: a bond (or direct assignment) that wants it by name takes it back. */
    public void nicArrived(PhysicalNic nic) {
        nics.put(nic.name(), nic);
        String bondName = bondOfNic.get(nic.name());
        Uplink uplink = bondName != null ? bonds.get(bondName) : unbonded.get(nic.name());
        if (uplink != null) {
            uplink.bond.addMember(nic);
            events.memberChanged(BondEvents.MEMBER_ADDED, uplink.bond.name(), nic.name());
            announceMtuMismatch(uplink, nic);
        }
    }

    /** A NIC's driver went away: its uplink fails over (patent step 752, in reverse) and keeps wanting it. */
    public void nicLeft(PhysicalNic nic) {
        if (nics.get(nic.name()) != nic) {
            return;
        }
        nics.remove(nic.name());
        String bondName = bondOfNic.get(nic.name());
        Uplink uplink = bondName != null ? bonds.get(bondName) : unbonded.get(nic.name());
        if (uplink != null) {
            int slot = uplink.bond.presentSlot(nic.name());
            if (slot >= 0) {
                uplink.bond.memberVanished(slot);
            }
        }
    }

    /**
     * The NIC manager is going away: every uplink drops what waits in its queues (counted, with a reason) and lets go
     * of its NICs, so that a successor can take them.
     */
    public List<String> closeAll() {
        List<String> summaries = new ArrayList<>();
        for (Uplink uplink : uplinks()) {
            uplink.close();
            BondStats stats = uplink.bond.stats();
            summaries.add((uplink.unbondedNic ? "uplink " : "bond ") + stats.name() + " closed: " + stats.offeredFrames()
                    + " frames offered, " + stats.sentFrames() + " sent, " + stats.droppedFrames() + " dropped "
                    + stats.drops());
        }
        return summaries;
    }

    // --- reading ----------------------------------------------------------------------------------------------------

    public Bond bond(String name) {
        return bondUplink(name).bond;
    }

    public BondReport report(String bondName) {
        return report(bondUplink(bondName));
    }

    public List<BondReport> reports() {
        return bonds.values().stream().map(this::report).toList();
    }

    /** The bond a NIC belongs to, or {@code null}. */
    public String bondOf(String nicName) {
        return bondOfNic.get(nicName);
    }

    /** The NICs a bond was given, in the order given, present or not. */
    public List<String> membersOf(String bondName) {
        return List.copyOf(bondUplink(bondName).wanted);
    }

    private BondReport report(Uplink uplink) {
        return new BondReport(uplink.bond.stats(), uplink.bond.settings(), uplink.bond.history(), uplink.router.counts(),
                List.copyOf(uplink.wanted), uplink.awaitedPolicy);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private Uplink openUnbonded(String nicName) {
        Uplink uplink = open(nicName, policies.require(Policies.FAILOVER_ORDER), BondSettings.defaults(), true);
        uplink.wanted.add(nicName);
        PhysicalNic nic = nics.get(nicName);
        if (nic != null) {
            uplink.bond.addMember(nic);
        }
        return uplink;
    }

    private Uplink open(String name, DistributionPolicy policy,
            BondSettings settings, boolean unbondedNic) {
        return new Uplink(name, policy, settings, unbondedNic, vmPorts, scheduler, groupCopies, gates, events);
    }

    private Collection<Uplink> uplinks() {
        List<Uplink> all = new ArrayList<>(bonds.values());
        all.addAll(unbonded.values());
        return all;
    }

    private Uplink bondUplink(String name) {
        Uplink uplink = bonds.get(name);
        if (uplink == null) {
            throw new IllegalArgumentException("no bond named '" + name + "'; bonds: " + listing(bonds.keySet()));
        }
        return uplink;
    }

    private static String listing(Collection<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }
}
