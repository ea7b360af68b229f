package org.nicmanager.nicmanager.bond;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.network.model.PartnerLacp;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.model.TrafficPattern;
import org.nicmanager.sim.network.model.TrafficSpec;

/**
 * A bond of two cards (e1000s unless told otherwise) on switch {@code sw} that aggregates as {@code partner} says, with host {@code h} (port 1)
 * and the cards on ports 2 and 3, on a virtual-time world thread. Fails on close if any timer threw.
 */
final class LacpWorld implements AutoCloseable {

    final WorldThread world;
    final SimulatedNetwork net;
    final SimulatedCard nic0;
    final SimulatedCard nic1;
    final Bond bond;
    private final List<String> timerFailures = Collections.synchronizedList(new ArrayList<>());

    LacpWorld(PartnerLacp partner, LacpSettings lacp, String policy) {
        this(partner, lacp, policy, BondWorld.E1000);
    }

    /** @param model1 the card of {@code nic1}: another speed gets another LACP key at both ends */
    LacpWorld(PartnerLacp partner, LacpSettings lacp, String policy, NicModel model1) {
        world = new WorldThread(ClockMode.VIRTUAL, 30 * BondWorld.SECOND,
                (timer, failure) -> timerFailures.add(timer + ": " + failure));
        SimSettings sim = SimSettings.defaults().withPoolBuffers(4096);
        net = world.call(() -> new SimulatedNetwork(world, (topic, subject, fault) -> { }, 42, sim));
        nic0 = world.call(() -> {
            net.addSwitch("sw", 8, partner);
            net.addHost("h", "sw", BondWorld.HOST_MAC, BondWorld.HOST_IP, 0);
            return net.createCard("nic0", BondWorld.E1000, "sw");
        });
        nic1 = world.call(() -> net.createCard("nic1", model1, "sw"));
        bond = world.call(() -> {
            Bond made = new Bond("bond0", policy, VmKnowledge.NONE, world, BondSettings.defaults().withLacp(lacp));
            made.addMember(nic0);
            made.addMember(nic1);
            return made;
        });
    }

    <T> T call(Supplier<T> action) {
        return world.call(action);
    }

    void run(Runnable action) {
        world.run(action);
    }

    void advance(long nanos) {
        world.advance(nanos);
    }

    long now() {
        return world.nanoTime();
    }

    LacpBondStatus lacp() {
        return call(bond::lacpStatus);
    }

    BondStats stats() {
        return call(bond::stats);
    }

    /** Members the bond sends on now, by name. */
    List<String> distributing() {
        return lacp().members().stream().filter(LacpBondStatus.Member::distributing).map(LacpBondStatus.Member::name)
                .toList();
    }

    /** The host sends {@code frames} stamped UDP frames over {@code flows} flows to the VM's MAC. */
    void hostSends(long rateBps, int flows, long forNanos) {
        run(() -> net.startTraffic("h", new TrafficSpec("02:00:00:00:00:01", Rate.parse(rateBps + "bps"), 500,
                flows, TrafficPattern.CBR, 1, forNanos)));
    }

    @Override
    public void close() {
        world.close();
        if (!timerFailures.isEmpty()) {
            throw new AssertionError("timers failed: " + timerFailures);
        }
    }
}
