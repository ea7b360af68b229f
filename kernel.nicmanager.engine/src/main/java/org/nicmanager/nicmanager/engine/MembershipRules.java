package org.nicmanager.nicmanager.engine;

import static org.nicmanager.nicmanager.engine.UplinkMaps.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules of bond names and bond membership. Each check refuses by throwing {@link IllegalArgumentException},
 * naming the value and the rule, before anything changes.
 */
final class MembershipRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,31}");

    private final UplinkMaps maps;

    MembershipRules(UplinkMaps maps) {
        this.maps = maps;
    }

    /** A name no new bond may have: malformed, another bond's, or a NIC's. */
    void checkNewBondName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad bond name '" + name + "': use 1-32 letters, digits, '.', '_' or"
                    + " '-', starting with a letter");
        }
        if (maps.bonds.containsKey(name)) {
            throw new IllegalArgumentException("a bond named '" + name + "' already exists");
        }
        if (maps.nics.containsKey(name) || maps.bondOfNic.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a NIC's name; a bond needs a name of its own");
        }
    }

    /**
     * The NICs {@code bond:add} may add, in the order given: present, not in the bond yet, named once, and each one
     * allowed to join ({@link #checkCanJoin}).
     */
    List<String> checkCanAdd(String bondName, List<String> nicNames, Predicate<String> running) {
        List<String> joining = new ArrayList<>();
        for (String nicName : nicNames) {
            if (maps.nics.get(nicName) == null) {
                throw new IllegalArgumentException("unknown NIC '" + nicName + "'; NICs: "
                        + listing(maps.nics.keySet()));
            }
            if (bondName.equals(maps.bondOfNic.get(nicName))) {
                throw new IllegalArgumentException("NIC " + nicName + " is already in bond " + bondName
                        + "; a NIC is in at most one bond");
            }
            if (joining.contains(nicName)) {
                throw new IllegalArgumentException("NIC " + nicName + " is named twice");
            }
            checkCanJoin(bondName, nicName, running);
            joining.add(nicName);
        }
        return joining;
    }

    /**
     * A NIC that may not join that bond (existing or about to be made): a NIC is in at most one bond, a bond's name is
     * no NIC's, and a NIC assigned unbonded to a virtual NIC stays unbonded. A NIC not present now may join: it becomes
     * a member when its driver registers it.
     */
    void checkCanJoin(String bondName, String nicName, Predicate<String> running) {
        String owner = maps.bondOfNic.get(nicName);
        if (owner != null && !owner.equals(bondName)) {
            throw new IllegalArgumentException("NIC " + nicName + " is already in bond " + owner
                    + "; a NIC is in at most one bond");
        }
        if (maps.bonds.containsKey(nicName) || nicName.equals(bondName)) {
            throw new IllegalArgumentException("'" + nicName + "' is a bond's name, not a NIC's");
        }
        refuseIfAssignedUnbonded(nicName, running);
    }

    private void refuseIfAssignedUnbonded(String nicName, Predicate<String> running) {
        Uplink direct = maps.unbonded.get(nicName);
        if (direct == null) {
            return;
        }
        List<String> vms = maps.vmsOn(direct);
        List<String> runningVms = vms.stream().filter(running).toList();
        if (!runningVms.isEmpty()) {
            throw new IllegalArgumentException("NIC " + nicName + " is assigned unbonded to running VMs " + runningVms
                    + "; a NIC cannot join a bond while it is assigned unbonded to a running VM");
        }
        throw new IllegalArgumentException("NIC " + nicName + " is assigned unbonded to virtual NICs of VMs " + vms
                + "; a virtual NIC is never assigned to a bonded NIC alone, so assign them elsewhere first"
                + " (vnic:assign)");
    }

    /** NICs leaving a bond now: no NIC may leave a bond that a running VM uses, and each must be a member. */
    void checkCanRemove(String bondName, List<String> nicNames, Predicate<String> running) {
        checkCanLeave(bondName, running);
        Uplink uplink = maps.bond(bondName);
        for (String nicName : nicNames) {
            if (!uplink.wanted.contains(nicName)) {
                throw new IllegalArgumentException("NIC " + nicName + " is not a member of bond " + bondName
                        + "; its members: " + listing(uplink.wanted));
            }
        }
    }

    /** No NIC may leave a bond that a running VM uses. */
    void checkCanLeave(String bondName, Predicate<String> running) {
        List<String> runningVms = maps.vmsOn(maps.bond(bondName)).stream().filter(running).toList();
        if (!runningVms.isEmpty()) {
            throw new IllegalArgumentException("bond " + bondName + " is used by running VMs " + runningVms
                    + "; a NIC cannot leave a bond that a running VM uses");
        }
    }
}
