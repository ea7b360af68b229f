package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.nicmanager.kernel.api.distribution.DistributionPolicy;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.vms.VmKnowledge;

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

    private final KernelScheduler scheduler;
    private final Gates gates;
    private final BondEvents events;
    private final UplinkMaps maps;
    private final MembershipRules rules;
    private final VnicPorts ports;
    private final PolicyCatalog policies;
    private final PolicyFallback fallback;
    /** Buffers for the copies of broadcast and multicast frames, one per extra receiving virtual NIC. */
    private final FramePool groupCopies = new FramePool(GROUP_COPY_BUFFERS, FrameBuffer.MAX_FRAME_BYTES);

    /**
     * @param vms what the NIC manager knows of VMs, for the VM-aware policies
     * @param gates what stands between VMs and each uplink: nothing, or the resource manager
     * @param policies the load-distribution policies offered now (the whiteboard)
     */
    public BondTable(KernelScheduler scheduler, VmKnowledge vms, Gates gates, BondEvents events,
            PolicyCatalog policies) {
        this.scheduler = scheduler;
        this.gates = gates;
        this.events = events;
        this.maps = new UplinkMaps(vms);
        this.rules = new MembershipRules(maps);
        this.ports = new VnicPorts(maps, this::openUnbonded, scheduler, events);
        this.policies = policies;
        this.fallback = new PolicyFallback(policies, Policies.defaultPolicy(vms), events);
    }

    /** A table with the built-in policies, for tests. */
    public BondTable(KernelScheduler scheduler, VmKnowledge vms, Gates gates, BondEvents events) {
        this(scheduler, vms, gates, events, PolicyCatalog.builtIn(vms));
    }

    /** A table with no resource manager and no events: for tests and benchmarks. */
    public BondTable(KernelScheduler scheduler, VmKnowledge vms) {
        this(scheduler, vms, Gates.DIRECT, BondEvents.NONE);
    }

    // --- bonds ----------------------------------------------------------------------------------------------------------

    public BondReport create(String name, String policy, BondSettings settings) {
        checkNewBondName(name);
        Uplink uplink = open(name, policies.require(policy), settings, false);
        maps.bonds.put(name, uplink);
        events.bondChanged(BondEvents.CREATED, name, policy);
        return report(uplink);
    }

    /** Refuses, naming the rule, a name no new bond may have: malformed, another bond's, or a NIC's. */
    public void checkNewBondName(String name) {
        rules.checkNewBondName(name);
    }

    /**
     * Re-creates a stored bond: its NICs join now if present, or when their drivers register them, in the stored
     * order. A NIC another bond claims already is left out.
     */
    public void restore(BondConfig config) {
        Uplink uplink = maps.bonds.get(config.name());
        if (uplink == null) {
            create(config.name(), config.policy(), config.settings());
            uplink = maps.bonds.get(config.name());
        }
        for (String nicName : config.nics()) {
            if (!maps.bondOfNic.containsKey(nicName) && !maps.unbonded.containsKey(nicName)) {
                join(uplink, nicName);
            }
        }
    }

    /** Deletes a bond no virtual NIC uses; its NICs become unbonded. */
    public void delete(String bondName) {
        Uplink uplink = maps.bond(bondName);
        if (inUse(bondName)) {
            throw new IllegalArgumentException("bond " + bondName + " still has virtual NICs of VMs " + maps.vmsOn(uplink)
                    + "; assign them elsewhere first (vnic:assign)");
        }
        uplink.close();
        uplink.wanted.forEach(maps.bondOfNic::remove);
        maps.bonds.remove(bondName);
        events.bondChanged(BondEvents.DELETED, bondName, "");
    }

    /**
     * Adds NICs to a bond in the order given; all are checked before any joins. A NIC not present now joins when its
     * driver registers it.
     *
     * @param running tells which VMs run: a NIC assigned unbonded to a running VM cannot join a bond
     */
    public BondReport add(String bondName, List<String> nicNames, Predicate<String> running) {
        Uplink uplink = maps.bond(bondName);
        List<String> joining = rules.checkCanAdd(bondName, nicNames, running);
        for (String nicName : joining) {
            join(uplink, nicName);
        }
        return report(uplink);
    }

    /** Puts a NIC in a bond: it claims the name, and the NIC (when present) becomes a member. */
    private void join(Uplink uplink, String nicName) {
        uplink.wanted.add(nicName);
        maps.bondOfNic.put(nicName, uplink.bond.name());
        PhysicalNic nic = maps.nics.get(nicName);
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

    /**
     * Takes NICs out of a bond; the bond fails over from each at once.
     *
     * @param running tells which VMs run: while a running VM uses the bond, no NIC may leave it
     */
    public BondReport remove(String bondName, List<String> nicNames, Predicate<String> running) {
        rules.checkCanRemove(bondName, nicNames, running);
        Uplink uplink = maps.bond(bondName);
        for (String nicName : nicNames) {
            int slot = uplink.bond.presentSlot(nicName);
            if (slot >= 0) {
                uplink.bond.removeMember(slot);
            }
            uplink.wanted.remove(nicName);
            maps.bondOfNic.remove(nicName);
            events.memberChanged(BondEvents.MEMBER_REMOVED, bondName, nicName);
        }
        return report(uplink);
    }

    /**
     * Refuses, naming the rule, NICs leaving a bond now: no NIC may leave a bond that a running VM uses.
     *
     * @param running tells which VMs run
     */
    public void checkCanLeave(String bondName, Predicate<String> running) {
        rules.checkCanLeave(bondName, running);
    }

    /**
     * Gives a bond the NICs a configuration names, in that order, present or not, as {@link #restore} does; a NIC not
     * present now joins when its driver registers it. NICs the bond has already stay where they are. All are checked
     * ({@link #checkCanJoin}) before any joins.
     */
    public BondReport adopt(String bondName, List<String> nicNames, Predicate<String> running) {
        Uplink uplink = maps.bond(bondName);
        List<String> joining = nicNames.stream().filter(nic -> !uplink.wanted.contains(nic)).distinct().toList();
        for (String nicName : joining) {
            checkCanJoin(bondName, nicName, running);
        }
        for (String nicName : joining) {
            join(uplink, nicName);
        }
        return report(uplink);
    }

    /** Refuses, naming the rule, a NIC that may not join that bond ({@link MembershipRules#checkCanJoin}). */
    public void checkCanJoin(String bondName, String nicName, Predicate<String> running) {
        rules.checkCanJoin(bondName, nicName, running);
    }

    /** Refuses a policy this NIC manager cannot honour (a VM-aware one in the loadable variant), naming the others. */
    public void checkPolicy(String policy) {
        policies.require(policy);
    }

    /** True when virtual NICs are connected to the bond: it cannot be deleted, nor re-created, under them. */
    public boolean inUse(String bondName) {
        return !maps.bond(bondName).router.ports().isEmpty();
    }

    public boolean hasBond(String name) {
        return maps.bonds.containsKey(name);
    }

    /** Changes a bond's load-distribution policy; a policy the variant cannot honour is refused. */
    public BondReport policy(String bondName, String policy) {
        Uplink uplink = maps.bond(bondName);
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
        Uplink uplink = maps.bond(bondName);
        uplink.bond.setFailoverOnBusyNanos(nanos);
        return report(uplink);
    }

    /** Puts these present members first in the bond's failover order ([0070]); the others follow as before. */
    public BondReport order(String bondName, List<String> nicNames) {
        Uplink uplink = maps.bond(bondName);
        int[] slots = new int[nicNames.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = uplink.bond.presentSlot(nicNames.get(i));
            if (slots[i] < 0) {
                throw new IllegalArgumentException("NIC " + nicNames.get(i) + " is not a present member of bond "
                        + bondName + "; its members: " + UplinkMaps.listing(uplink.wanted));
            }
        }
        uplink.bond.putFirst(slots);
        return report(uplink);
    }

    /** Manual failback ([0104]): puts a recovered member back in service now. */
    public BondReport failback(String bondName, String nicName) {
        Uplink uplink = maps.bond(bondName);
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
        return ports.connect(uplinkName, vm, priority, mac, port, delivery);
    }

    /** The connected virtual NICs' ports: their security, what their guests changed, their leaving. */
    VnicPorts ports() {
        return ports;
    }

    /** Names of the VMs whose virtual NICs connect to that bond or unbonded NIC. */
    public List<String> vmsOn(String uplinkName) {
        return ports.vmsOn(uplinkName);
    }

    // --- NICs arriving and leaving ------------------------------------------------------------------------------------

    /** A driver registered a NIC: a bond (or direct assignment) that wants it by name takes it back. */
    public void nicArrived(PhysicalNic nic) {
        maps.nics.put(nic.name(), nic);
        String bondName = maps.bondOfNic.get(nic.name());
        Uplink uplink = bondName != null ? maps.bonds.get(bondName) : maps.unbonded.get(nic.name());
        if (uplink != null) {
            uplink.bond.addMember(nic);
            events.memberChanged(BondEvents.MEMBER_ADDED, uplink.bond.name(), nic.name());
            announceMtuMismatch(uplink, nic);
        }
    }

    /** A NIC's driver went away: its uplink fails over (patent step 752, in reverse) and keeps wanting it. */
    public void nicLeft(PhysicalNic nic) {
        if (maps.nics.get(nic.name()) != nic) {
            return;
        }
        maps.nics.remove(nic.name());
        String bondName = maps.bondOfNic.get(nic.name());
        Uplink uplink = bondName != null ? maps.bonds.get(bondName) : maps.unbonded.get(nic.name());
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
        for (Uplink uplink : maps.all()) {
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
        return maps.bond(name).bond;
    }

    /**
     * A policy service left: the bonds that ran it run another service of its name, or fall back to the default
     * policy and wait for it. Returns what happened, one line a bond, for the log.
     */
    public List<String> policyLeft(DistributionPolicy gone) {
        return fallback.left(gone, maps.bonds.values(), maps.unbonded.values());
    }

    /** A policy service arrived: the bonds waiting for its name run it again. Returns one line a bond moved back. */
    public List<String> policyArrived(DistributionPolicy arrived) {
        return fallback.arrived(arrived, maps.bonds.values());
    }

    public BondReport report(String bondName) {
        return report(maps.bond(bondName));
    }

    public List<BondReport> reports() {
        return maps.bonds.values().stream().map(this::report).toList();
    }

    /** The bond a NIC belongs to, or {@code null}. */
    public String bondOf(String nicName) {
        return maps.bondOfNic.get(nicName);
    }

    /** The NICs a bond was given, in the order given, present or not. */
    public List<String> membersOf(String bondName) {
        return List.copyOf(maps.bond(bondName).wanted);
    }

    private BondReport report(Uplink uplink) {
        return new BondReport(uplink.bond.stats(), uplink.bond.settings(), uplink.bond.history(), uplink.router.counts(),
                List.copyOf(uplink.wanted), uplink.awaitedPolicy);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private Uplink openUnbonded(String nicName) {
        Uplink uplink = open(nicName, policies.require(Policies.FAILOVER_ORDER), BondSettings.defaults(), true);
        uplink.wanted.add(nicName);
        PhysicalNic nic = maps.nics.get(nicName);
        if (nic != null) {
            uplink.bond.addMember(nic);
        }
        return uplink;
    }

    private Uplink open(String name, DistributionPolicy policy, BondSettings settings, boolean unbondedNic) {
        return new Uplink(name, policy, settings, unbondedNic, maps.vms, scheduler, groupCopies, gates, events);
    }
}
