package org.nicmanager.nicmanager.bond;

import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.network.model.HostStats;
import org.nicmanager.sim.network.model.PartnerLacp;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.model.TopologyView;
import org.nicmanager.sim.network.model.TrafficPattern;
import org.nicmanager.sim.network.model.TrafficSpec;
import org.nicmanager.testsupport.VirtualWorldHarness;

/**
 * A bond of two simulated cards (e1000s unless told otherwise) on switch {@code sw}, with an external host {@code h}
 * to send to, on a virtual-time world thread. The plain world adds a bystander host {@code h2} that shows flooding;
 * the {@linkplain #lacp LACP world} has a switch that aggregates as its partner settings say, and no bystander: host
 * {@code h} on port 1, the cards on ports 2 and 3. Set-up and inspection run inside the world; time moves only by
 * {@link #advance}. Fails on close if any timer threw.
 */
final class BondWorld extends VirtualWorldHarness<WorldThread> {

    static final long MICROS = 1_000L;
    static final long MILLIS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);
    static final NicModel E100 = new NicModel("e100", "e100sim", 100_000_000L, 1500, 64, 64);
    static final long VM_MAC = MacAddress.parse("02:00:00:00:00:01").bits();
    static final long HOST_MAC = MacAddress.parse("02:00:00:00:01:01").bits();
    static final int VM_IP = 0x0A000064;
    static final int HOST_IP = 0x0A000001;

    final SimulatedNetwork net;
    final SimulatedCard nic0;
    final SimulatedCard nic1;
    final Bond bond;

    BondWorld(String policy, BondSettings settings) {
        this(policy, settings, 0);
    }

    /** @param cableDelayNanos propagation delay of every cable: above 0, a frame can be caught on a pulled cable */
    BondWorld(String policy, BondSettings settings, long cableDelayNanos) {
        this(policy, settings, cableDelayNanos, E1000, E1000);
    }

    /** @param model0 the card of member 0 (first in failover order), {@code model1} that of member 1 */
    BondWorld(String policy, BondSettings settings, long cableDelayNanos, NicModel model0,
            NicModel model1) {
        this(policy, settings, cableDelayNanos, model0, model1, PartnerLacp.OFF, true);
    }

    /** A bond of two e1000s that runs LACP with {@code lacp}, on a switch that aggregates as {@code partner} says. */
    static BondWorld lacp(PartnerLacp partner, LacpSettings lacp, String policy) {
        return lacp(partner, lacp, policy, E1000);
    }

    /** @param model1 the card of {@code nic1}: another speed gets another LACP key at both ends */
    static BondWorld lacp(PartnerLacp partner, LacpSettings lacp, String policy, NicModel model1) {
        return new BondWorld(policy, BondSettings.defaults().withLacp(lacp), 0, E1000, model1, partner, false);
    }

    /** @param bystander whether host {@code h2} sits on the switch (port 2, before the cards) */
    private BondWorld(String policy, BondSettings settings, long cableDelayNanos, NicModel model0, NicModel model1,
            PartnerLacp partner, boolean bystander) {
        super(timerFailures -> new WorldThread(ClockMode.VIRTUAL, 30 * SECOND, timerFailures));
        SimSettings sim = SimSettings.defaults().withPoolBuffers(4096).withCablePropagationDelayNanos(cableDelayNanos);
        net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> { }, 42, sim));
        nic0 = world.call(() -> {
            net.addSwitch("sw", 8, partner);
            net.addHost("h", "sw", HOST_MAC, HOST_IP, 0);
            if (bystander) {
                net.addHost("h2", "sw", -1, 0, 0);
            }
            return net.createCard("nic0", model0, "sw");
        });
        nic1 = world.call(() -> net.createCard("nic1", model1, "sw"));
        bond = world.call(() -> {
            Bond made = new Bond("bond0", policy, VmKnowledge.NONE, world, settings);
            made.addMember(nic0);
            made.addMember(nic1);
            return made;
        });
    }

    BondStats stats() {
        return call(bond::stats);
    }

    LacpBondStatus lacp() {
        return call(bond::lacpStatus);
    }

    /** Members the bond sends on now, by name. */
    List<String> distributing() {
        return lacp().members().stream().filter(LacpBondStatus.Member::distributing).map(LacpBondStatus.Member::name)
                .toList();
    }

    /** The host sends stamped UDP frames of 500 bytes at {@code rateBps} over {@code flows} flows to the VM's MAC. */
    void hostSends(long rateBps, int flows, long forNanos) {
        run(() -> net.startTraffic("h", new TrafficSpec(MacAddress.format(VM_MAC), Rate.parse(rateBps + "bps"), 500,
                flows, TrafficPattern.CBR, 1, forNanos)));
    }

    HostStats host(String name) {
        return call(() -> net.hostStats(name));
    }

    /** Stamped frames the host received, summed over flows (gratuitous ARPs and other frames excluded). */
    long stampedReceived(String host) {
        return host(host).flows().stream().mapToLong(HostStats.FlowStats::rxFrames).sum();
    }

    /** Frames lost on every card's cable when its carrier dropped. */
    long lostOnCables() {
        return call(() -> net.topology().links().stream().mapToLong(TopologyView.LinkView::lostFrames).sum());
    }
}
