package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.sim.api.NicModel;

/**
 * Builds devices and cables them to switch ports, and hands out addresses. Callers have validated names and room;
 * this class only wires. Generated MACs are locally administered, {@code 02:53:KK:nn:nn:nn} with KK = 'C' for cards,
 * 'H' for hosts, 'A' for attackers and 'S' for switches' LACP system IDs, numbered in creation order so that the same
 * script gives the same MACs.
 */
final class Cabling {

    static final int CARD_MACS = 'C';
    static final int HOST_MACS = 'H';
    static final int ATTACKER_MACS = 'A';
    /** LACP system IDs of switches; no frame carries them as a source. */
    static final int SWITCH_SYSTEMS = 'S';
    private static final long MAC_PREFIX = 0x02_53_00_00_00_00L;
    private static final int TEN_NET = 0x0A00_0000;

    private final KernelScheduler scheduler;
    private final DriverLink driver;
    private final SimEvents events;
    private final SimSettings settings;
    private final Inventory inventory;
    private final int[] macCounters = new int[256];
    private int hostAddresses;

    Cabling(KernelScheduler scheduler, DriverLink driver, SimEvents events, SimSettings settings,
            Inventory inventory) {
        this.scheduler = scheduler;
        this.driver = driver;
        this.events = events;
        this.settings = settings;
        this.inventory = inventory;
    }

    SimCard card(String name, NicModel model, SimSwitch switchBox) {
        long mac = newMac(CARD_MACS);
        SwitchPort port = switchBox.attach(name, model.speedBps());
        SimCard card = new SimCard(scheduler, driver, events, name, model, mac, switchBox.name() + "/" + port.number());
        card.setPort(port);
        cable(name, card, port, model.speedBps());
        inventory.add(card);
        return card;
    }

    ExternalHost host(String name, ExternalHost.Kind kind, SimSwitch switchBox, long mac, int ip, long speedBps) {
        settings.limits().admitHost(name, inventory.hostCount());
        ExternalHost host = new ExternalHost(scheduler, name, kind, mac, ip, speedBps);
        SwitchPort port = switchBox.attach(name, speedBps);
        host.setPort(port);
        cable(name, host, port, speedBps);
        inventory.add(host);
        return host;
    }

    /** Cables a free port of {@code a} to a free port of {@code b}. */
    Cable trunk(SimSwitch a, SimSwitch b, long speedBps) {
        SwitchPort portA = a.attach(b.name(), speedBps);
        SwitchPort portB = b.attach(a.name(), speedBps);
        Cable trunk = new Cable(scheduler, a.name() + "/" + portA.number() + " - " + b.name() + "/" + portB.number(),
                speedBps, settings.cablePropagationDelayNanos(), portA, portB);
        a.trunkNeighbours().add(b);
        b.trunkNeighbours().add(a);
        inventory.addTrunk(trunk);
        return trunk;
    }

    private void cable(String device, CableEnd end, SwitchPort port, long speedBps) {
        new Cable(scheduler, device + " - " + port.owner().name() + "/" + port.number(), speedBps,
                settings.cablePropagationDelayNanos(), end, port);
    }

    /** The next unused MAC of a kind; one an operator already gave a host is skipped. */
    long newMac(int kind) {
        long mac;
        do {
            int serial = ++macCounters[kind];
            if (serial > 0xFF_FFFF) {
                throw new IllegalStateException("the world ran out of generated MACs of kind " + (char) kind);
            }
            mac = MAC_PREFIX | (long) kind << 24 | serial;
        } while (inventory.ownerOf(mac) != null);
        return mac;
    }

    /** 10.0.0.1, 10.0.0.2, ... skipping addresses that end in .0 or .255. */
    int newHostIp() {
        int address;
        do {
            address = TEN_NET + ++hostAddresses;
        } while ((address & 0xFF) == 0 || (address & 0xFF) == 0xFF);
        return address;
    }

    /** The address traffic to a card (or to a bare MAC) is sent to: 10.x.y.z from the MAC's low three bytes. */
    static int ipFor(long mac) {
        return TEN_NET | (int) (mac & 0xFF_FFFF);
    }
}
