package org.nicmanager.nicmanager.lacp.auto;

import java.util.List;

/**
 * What {@code bond:auto} shows: whether automatic bonding is on, how it makes bonds, each free NIC it is probing with
 * what it found (patent step 753), and what it did (step 754).
 *
 * @param lastRefusal why the NIC manager last refused a bond it tried to make; null when it never did
 */
public record AutoBondStatus(boolean enabled, String lacpRate, String policy, List<Probe> probes,
        List<String> actions, String lastRefusal) {

    public AutoBondStatus {
        probes = List.copyOf(probes);
        actions = List.copyOf(actions);
    }

    /**
     * One probed NIC. {@code lacp} is YES (a partner answered), NO (a whole timeout passed in silence) or UNKNOWN (not
     * yet); {@code partner} is its system and key, null while none answered.
     */
    public record Probe(String nic, String lacp, String partner) {
    }
}
