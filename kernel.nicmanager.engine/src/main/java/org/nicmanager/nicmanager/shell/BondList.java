package org.nicmanager.nicmanager.shell;

import java.util.List;

import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.nicmanager.engine.BondReport;

/**
 * {@code bond:list}: one row per bond. The shell reads these records' accessors by reflection from its own bundle, so
 * they are public.
 */
public record BondList(List<BondRow> bonds) {

    static BondList of(List<BondReport> bonds) {
        return new BondList(bonds.stream().map(report -> report.stats().info()).map(info -> new BondRow(info.name(),
                info.policy(), info.members().size(),
                info.members().stream().filter(BondMember::active).count(), info.failovers(), info.failbacks()))
                .toList());
    }

    public record BondRow(String name, String policy, int members, long active, long failovers, long failbacks) {
    }

    /** {@code bond:list --json}: every bond in full. */
    record BondDocuments(List<BondView> bonds) {
    }
}
