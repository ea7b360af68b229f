package org.nicmanager.nicmanager.lacp.auto;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.lib.units.TimeSpan;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.lacp.PartnerGroups;
import org.nicmanager.nicmanager.lacp.PartnerKey;
import org.nicmanager.nicmanager.lacp.PartnerProbe;

/**
 * Automatic bonding by partnership (patent steps 753-754). While on, every free NIC is probed with LACP (step 753):
 * once two or more free NICs hear the same partner system and key they become one LACP bond, {@code autoN}; a free
 * NIC whose partner already has a bond joins it; a NIC alone with its partner, or facing a switch without LACP, stays
 * on its own (step 754). Free NICs are looked for every {@link #SCAN_PERIOD_NANOS}, and partners regrouped whenever a
 * probe learns something. Runs on the world thread; decisions are control events, never on the frame path.
 */
public final class AutoBonder {

    public static final long SCAN_PERIOD_NANOS = 1_000_000_000L;
    public static final String NAME_PREFIX = "auto";
    private static final int ACTIONS_KEPT = 32;

    private final KernelScheduler scheduler;
    private final AutoBondHost host;
    private final Map<String, PartnerProbe> probes = new TreeMap<>();
    private final Timer scan;
    private final Timer regroup;
    private final Deque<String> actions = new ArrayDeque<>();
    private boolean enabled;
    private boolean fastRate = true;
    private String policy = Policies.HASH_L34;
    private String lastRefusal;

    public AutoBonder(KernelScheduler scheduler, AutoBondHost host) {
        this.scheduler = scheduler;
        this.host = host;
        this.scan = scheduler.newTimer("automatic bonding scan", this::scanAndRearm);
        this.regroup = scheduler.newTimer("automatic bonding regroup", this::regroupNow);
    }

    /** Turns automatic bonding on or off; the same settings again change nothing. */
    public void configure(boolean on, boolean fast, String bondPolicy) {
        if (on == enabled && fast == fastRate && bondPolicy == policy) {
            return;
        }
        boolean rateChanged = fast != fastRate;
        enabled = on;
        fastRate = fast;
        policy = bondPolicy;
        if (!on || rateChanged) {
            stopAll();
        }
        if (on) {
            record("automatic bonding on (LACP " + (fast ? "fast" : "slow") + ", policy " + policy + ")");
            scanAndRearm();
        } else {
            scan.cancel();
            regroup.cancel();
            record("automatic bonding off");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Stops every probe and lets go of its NIC: the component is going away. */
    public void close() {
        stopAll();
        scan.cancel();
        regroup.cancel();
    }

    /** Stops every probe; lets go of each NIC nobody else has taken since the last scan. */
    private void stopAll() {
        Set<String> claimed = probes.isEmpty() ? Set.of() : host.claimed();
        probes.forEach((nic, probe) -> probe.stop(!claimed.contains(nic)));
        probes.clear();
    }

    private void scanAndRearm() {
        if (!enabled) {
            return;
        }
        scanNow();
        scan.armAfter(SCAN_PERIOD_NANOS);
    }

    /** Probes the free NICs; stops probing those that went away or that someone else took. */
    private void scanNow() {
        Map<String, PhysicalNic> nics = host.nics();
        Set<String> claimed = host.claimed();
        probes.entrySet().removeIf(entry -> {
            PhysicalNic present = nics.get(entry.getKey());
            boolean keep = present == entry.getValue().nic() && !claimed.contains(entry.getKey());
            if (!keep) {
                entry.getValue().stop(false); // the NIC is gone, or its new owner attached a listener of its own
            }
            return !keep;
        });
        for (Map.Entry<String, PhysicalNic> nic : new TreeMap<>(nics).entrySet()) {
            if (!claimed.contains(nic.getKey()) && !probes.containsKey(nic.getKey())) {
                probes.put(nic.getKey(), new PartnerProbe(scheduler, nic.getValue(), fastRate, this::partnersChanged));
            }
        }
        regroupNow();
    }

    private void partnersChanged() {
        if (enabled && !regroup.armed()) {
            regroup.armAfter(0); // after the frame that taught us, never inside it
        }
    }

    private void regroupNow() {
        if (!enabled) {
            return;
        }
        Map<String, PartnerKey> partners = new HashMap<>();
        probes.forEach((nic, probe) -> {
            if (probe.partner() != null) {
                partners.put(nic, probe.partner());
            }
        });
        Map<PartnerKey, String> bonds = host.bondsByPartner();
        PartnerGroups.byPartner(partners).forEach((partner, nics) -> {
            String bond = bonds.get(partner);
            if (bond == null && nics.size() < 2) {
                return; // alone with its partner: it stays on its own
            }
            nics.forEach(nic -> probes.remove(nic).stop(false)); // the bond attaches to the NIC next
            try {
                if (bond == null) {
                    bond = nextName();
                    host.createBond(bond, policy, BondSettings.defaults().withLacp(new LacpSettings(LacpMode.ACTIVE,
                            fastRate, 0, 1)));
                    record("made bond " + bond + " of " + nics + " towards " + partner);
                } else {
                    record("added " + nics + " to bond " + bond + " towards " + partner);
                }
                host.addToBond(bond, nics);
            } catch (IllegalArgumentException refused) {
                lastRefusal = refused.getMessage(); // shown by bond:auto; the NICs are probed again at the next scan
                record("could not bond " + nics + ": " + refused.getMessage());
            }
        });
    }

    private String nextName() {
        Set<String> taken = host.bondNames();
        for (int n = 0;; n++) {
            if (!taken.contains(NAME_PREFIX + n)) {
                return NAME_PREFIX + n;
            }
        }
    }

    private void record(String action) {
        if (actions.size() == ACTIONS_KEPT) {
            actions.removeFirst();
        }
        actions.addLast(TimeSpan.format(scheduler.nanoTime()) + " " + action);
    }

    public AutoBondStatus status() {
        List<AutoBondStatus.Probe> list = new ArrayList<>();
        probes.forEach((nic, probe) -> {
            PartnerKey partner = probe.partner();
            list.add(new AutoBondStatus.Probe(nic, partner != null ? "YES" : probe.silent() ? "NO" : "UNKNOWN",
                    partner == null ? null : partner.toString()));
        });
        return new AutoBondStatus(enabled, fastRate ? "fast" : "slow", policy, list,
                new ArrayList<>(actions), lastRefusal);
    }
}
