package org.nicmanager.nicmanager.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.nicmanager.nicmanager.bond.BondStats;
import org.nicmanager.nicmanager.bond.MemberState;

/**
 * Brings live bonds to configurations written outside the {@code bond:} commands (a file in conf/, another tool
 * through ConfigAdmin) with the operations the commands use, on the world thread. Everything is checked before
 * anything changes, so a refused configuration leaves the bond running as it was; each refusal names the value and
 * the rule. A configuration the bond already matches (the commands' own writes) changes nothing.
 */
final class BondReconciler {

    private final BondTable table;
    private final Predicate<String> running;

    /** @param running tells which VMs run: NICs of a bond a running VM uses stay, as for the commands */
    BondReconciler(BondTable table, Predicate<String> running) {
        this.table = table;
        this.running = running;
    }

    /**
     * Creates the configured bond, or brings the live one to its configuration.
     *
     * @return what changed, for the log; {@link BondFollowed#NOTHING} when the bond already matched
     * @throws IllegalArgumentException naming what is refused; nothing changed
     */
    BondFollowed follow(BondConfig desired) {
        if (!table.hasBond(desired.name())) {
            return create(desired);
        }
        BondReport live = table.report(desired.name());
        BondDifference difference = BondDifference.between(BondConfig.of(live), present(live), desired);
        if (difference.none()) {
            return BondFollowed.NOTHING;
        }
        return difference.recreates() ? recreate(difference) : update(difference);
    }

    /**
     * The bond's configuration was deleted: the bond goes too.
     *
     * @return what changed, for the log; {@link BondFollowed#NOTHING} when there was no such bond (the
     *         {@code bond:delete} command's own write)
     * @throws IllegalArgumentException when virtual NICs use the bond, naming their VMs; the bond stays
     */
    BondFollowed unconfigured(String bond) {
        if (!table.hasBond(bond)) {
            return BondFollowed.NOTHING;
        }
        table.delete(bond);
        return BondFollowed.changed("bond " + bond + " deleted: its configuration was deleted");
    }

    private BondFollowed create(BondConfig desired) {
        table.checkNewBondName(desired.name());
        checkMakeable(desired);
        table.create(desired.name(), desired.policy(), desired.settings());
        table.adopt(desired.name(), desired.nics(), running);
        return BondFollowed.changed("bond " + desired.name() + " created from its configuration: policy "
                + desired.policy() + ", NICs " + desired.nics());
    }

    private BondFollowed update(BondDifference difference) {
        BondConfig desired = difference.desired();
        String bond = desired.name();
        if (difference.policyChanges()) {
            table.checkPolicy(desired.policy());
        }
        if (!difference.leaving().isEmpty()) {
            table.checkCanLeave(bond, running);
        }
        for (String nic : difference.joining()) {
            table.checkCanJoin(bond, nic, running);
        }
        List<String> done = new ArrayList<>();
        if (difference.policyChanges()) {
            table.policy(bond, desired.policy());
            done.add("policy " + difference.live().policy() + " -> " + desired.policy());
        }
        if (difference.failoverOnBusyChanges()) {
            table.failoverOnBusy(bond, desired.failoverOnBusyMs() * 1_000_000);
            done.add("failoverOnBusyMs " + difference.live().failoverOnBusyMs() + " -> " + desired.failoverOnBusyMs());
        }
        if (!difference.leaving().isEmpty()) {
            table.remove(bond, difference.leaving(), running);
            done.add("NICs leaving " + difference.leaving());
        }
        if (!difference.joining().isEmpty()) {
            table.adopt(bond, difference.joining(), running);
            done.add("NICs joining " + difference.joining());
        }
        // NICs that joined just now went to the end of the failover order, wherever the configuration puts them.
        List<String> present = present(table.report(bond));
        List<String> ordered = desired.nics().stream().filter(present::contains).toList();
        if (!ordered.equals(present)) {
            table.order(bond, ordered);
            done.add("failover order " + ordered);
        }
        return BondFollowed.changed("bond " + bond + " follows its configuration: " + String.join("; ", done));
    }

    /** Failback and link aggregation are fixed when a bond is made: a new bond replaces the old one. */
    private BondFollowed recreate(BondDifference difference) {
        BondConfig desired = difference.desired();
        String bond = desired.name();
        String fixed = String.join(", ", difference.fixedSettings());
        if (table.inUse(bond)) {
            List<String> vms = table.vmsOn(bond);
            throw new IllegalArgumentException(fixed + ": a running bond cannot change these, only a re-created"
                    + " one, and virtual NICs" + (vms.isEmpty() ? "" : " of VMs " + vms) + " use bond " + bond
                    + "; assign them elsewhere first (vnic:assign)");
        }
        checkMakeable(desired);
        table.delete(bond);
        table.create(bond, desired.policy(), desired.settings());
        table.adopt(bond, desired.nics(), running);
        return new BondFollowed("bond " + bond + " re-created to follow its configuration (" + fixed + "): a running"
                + " bond cannot change these; its counters and failover history start afresh", true);
    }

    /** The checks a bond made from the configuration passes, short of its name's. */
    private void checkMakeable(BondConfig desired) {
        table.checkPolicy(desired.policy());
        for (String nic : desired.nics()) {
            table.checkCanJoin(desired.name(), nic, running);
        }
    }

    /** The bond's present members, in failover order. */
    private static List<String> present(BondReport report) {
        return report.stats().members().stream().filter(member -> member.state() != MemberState.REMOVED)
                .sorted(Comparator.comparingInt(BondStats.Member::rank)).map(BondStats.Member::nic)
                .filter(report.nics()::contains).toList();
    }
}
