package org.nicmanager.nicmanager.lacp.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.engine.BondReport;
import org.nicmanager.nicmanager.engine.BondTable;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.PartnerKey;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.network.model.PartnerLacp;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;

/**
 * Patent steps 753-754 on simulated switches: one NIC on switch A, two on switch B (both speak LACP), one on switch C
 * (no LACP). Automatic bonding makes one bond of the two on B and leaves the others on their own.
 */
class AutoBonderTest {

    private static final long MILLIS = 1_000_000L;
    private static final long SECOND = 1_000 * MILLIS;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);
    private static final PartnerLacp ACTIVE_FAST = new PartnerLacp(LacpMode.ACTIVE, true);

    /** The NIC manager's side: a bond table that knows every card. */
    private static final class TableHost implements AutoBondHost {
        final BondTable table;
        final Map<String, PhysicalNic> nics = new TreeMap<>();
        final Set<String> usedByVnics = new HashSet<>();

        TableHost(WorldThread world) {
            table = new BondTable(world, VmKnowledge.NONE);
        }

        void arrive(PhysicalNic nic) {
            nics.put(nic.name(), nic);
            table.nicArrived(nic);
        }

        @Override
        public Map<String, PhysicalNic> nics() {
            return new HashMap<>(nics);
        }

        @Override
        public Set<String> claimed() {
            Set<String> claimed = new HashSet<>(usedByVnics);
            table.reports().forEach(report -> claimed.addAll(report.nics()));
            return claimed;
        }

        @Override
        public Set<String> bondNames() {
            Set<String> names = new HashSet<>();
            table.reports().forEach(report -> names.add(report.stats().name()));
            return names;
        }

        @Override
        public Map<PartnerKey, String> bondsByPartner() {
            Map<PartnerKey, String> byPartner = new HashMap<>();
            for (BondReport report : table.reports()) {
                for (LacpBondStatus.Member member : report.stats().lacp().members()) {
                    if (member.partner() != null && !member.actor().state().contains("DEFAULTED")) {
                        byPartner.put(new PartnerKey(member.partner().systemPriority(),
                                MacAddress.parse(member.partner().system()).bits(), member.partner().key()),
                                report.stats().name());
                    }
                }
            }
            return byPartner;
        }

        @Override
        public void createBond(String name, String policy, BondSettings settings) {
            table.create(name, policy, settings);
        }

        @Override
        public void addToBond(String bond, List<String> nics) {
            table.add(bond, nics, vm -> false);
        }
    }

    @Test
    void nicsOfOneLacpPartnerFormOneBondAndLoneNicsStayOnTheirOwn() {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 30 * SECOND, (t, e) -> failures.add(t + e))) {
            SimulatedNetwork net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> { }, 1,
                    SimSettings.defaults().withPoolBuffers(1024)));
            TableHost host = world.call(() -> new TableHost(world));
            world.run(() -> {
                net.addSwitch("swA", 8, ACTIVE_FAST);
                net.addSwitch("swB", 8, ACTIVE_FAST);
                net.addSwitch("swC", 8, PartnerLacp.OFF);
                host.arrive(net.createCard("n0", E1000, "swA"));
                host.arrive(net.createCard("n1", E1000, "swB"));
                host.arrive(net.createCard("n2", E1000, "swB"));
                host.arrive(net.createCard("n3", E1000, "swC"));
            });
            AutoBonder bonder = world.call(() -> new AutoBonder(world, host));
            world.run(() -> bonder.configure(true, true, Policies.HASH_L34));
            world.advance(100 * MILLIS);

            List<BondReport> bonds = world.call(host.table::reports);
            assertEquals(1, bonds.size(), "one bond: " + world.call(bonder::status));
            assertEquals("auto0", bonds.get(0).stats().name());
            assertEquals(List.of("n1", "n2"), bonds.get(0).nics());
            AutoBondStatus status = world.call(bonder::status);
            assertEquals(List.of("n0", "n3"), status.probes().stream().map(AutoBondStatus.Probe::nic).toList());
            assertEquals("YES", status.probes().get(0).lacp(), "switch A speaks LACP");
            assertTrue(status.probes().get(0).partner().contains("02:53:53:00:00:01"), status.toString());

            world.advance(4 * SECOND);
            status = world.call(bonder::status);
            assertEquals("NO", status.probes().get(1).lacp(), "switch C speaks none: " + status);
            LacpBondStatus auto0 = world.call(() -> host.table.report("auto0").stats().lacp());
            assertEquals("UP", auto0.aggregator());
            assertEquals(2, auto0.distributingMembers(), "the bond negotiated with switch B");
            assertTrue(auto0.members().get(0).partner().system().equals("02:53:53:00:00:02"), auto0.toString());

            world.run(() -> host.arrive(net.createCard("n4", E1000, "swB")));
            world.advance(2 * SECOND);
            assertEquals(List.of("n1", "n2", "n4"), world.call(() -> host.table.report("auto0").nics()),
                    "a NIC that finds the bond's partner joins it");
            world.run(() -> bonder.configure(false, true, Policies.HASH_L34));
            assertFalse(world.call(bonder::enabled));
            assertTrue(world.call(bonder::status).probes().isEmpty(), "probes stop");
        }
        assertEquals(List.of(), failures);
    }
}
