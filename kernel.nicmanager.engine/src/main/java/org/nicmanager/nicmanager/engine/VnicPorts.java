package org.nicmanager.nicmanager.engine;

import static org.nicmanager.nicmanager.engine.UplinkMaps.listing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.lib.frames.MacBytes;

/**
 * Virtual NICs connected to uplinks (patent [0059]): a virtual NIC's frames go out through its bond or unbonded NIC,
 * through the gate in front of it (the resource manager's decision, step 810), and frames for its MAC come back to it.
 * A port's security policy is judged here for what its guest sends (forged transmits) and in the uplink's
 * {@link InboundRouter} for what it receives. World thread only.
 */
final class VnicPorts {

    private final UplinkMaps maps;
    /** Opens the uplink of an unbonded NIC that a first virtual NIC is assigned to directly. */
    private final Function<String, Uplink> openUnbonded;
    /** Virtual NIC port to the uplink it is connected to. */
    private final Map<Integer, Uplink> uplinkOfPort = new HashMap<>();

    private final BondEvents events;
    private final SecurityDropReport dropReport;

    VnicPorts(UplinkMaps maps, Function<String, Uplink> openUnbonded, KernelScheduler scheduler, BondEvents events) {
        this.maps = maps;
        this.openUnbonded = openUnbonded;
        this.events = events;
        this.dropReport = new SecurityDropReport(scheduler, events, this::securities);
    }

    /** Every connected port's security, for the drop report (control path). */
    private List<PortSecurity> securities() {
        List<PortSecurity> all = new ArrayList<>();
        for (Uplink uplink : maps.all()) {
            all.addAll(uplink.router.securities());
        }
        return all;
    }

    /**
     * Connects a virtual NIC to a bond or an unbonded NIC; refused, changing nothing, for a bonded NIC, an unknown
     * uplink, a MAC or a port already connected.
     *
     * @param priority the VM's network priority, for the VM-aware policies
     */
    VnicUplink connect(String uplinkName, String vm, int priority, long mac, int port, VnicDelivery delivery) {
        Uplink uplink = maps.bonds.get(uplinkName);
        if (uplink == null && maps.bondOfNic.containsKey(uplinkName)) {
            throw new IllegalArgumentException("NIC " + uplinkName + " is in bond " + maps.bondOfNic.get(uplinkName)
                    + "; a virtual NIC is assigned to the bond, never to a bonded NIC alone");
        }
        if (uplink == null && !maps.nics.containsKey(uplinkName) && !maps.unbonded.containsKey(uplinkName)) {
            throw new IllegalArgumentException("unknown uplink '" + uplinkName + "': a virtual NIC connects to a bond"
                    + " or an unbonded NIC; bonds: " + listing(maps.bonds.keySet()) + "; unbonded NICs: "
                    + listing(maps.nics.keySet().stream().filter(nic -> !maps.bondOfNic.containsKey(nic)).toList()));
        }
        refuseOwnedMac(mac);
        if (uplinkOfPort.containsKey(port)) {
            throw new IllegalArgumentException("virtual NIC port " + port + " is already connected");
        }
        if (uplink == null) {
            uplink = maps.unbonded.computeIfAbsent(uplinkName, openUnbonded);
        }
        PortSecurity security = new PortSecurity(vm, port, mac, dropReport);
        uplink.router.connect(security, delivery);
        uplinkOfPort.put(port, uplink);
        if (maps.vms.connected(port, vm, priority)) {
            uplink.bond.vmsChanged();
        }
        uplink.gate.connect(port, vm);
        Gate gate = uplink.gate;
        InboundRouter local = uplink.router;
        return frame -> {
            if (frame.length() >= MacBytes.SOURCE_OFFSET + 6
                    && !security.admitsSource(MacBytes.read(frame.data(), MacBytes.SOURCE_OFFSET))) {
                frame.release();
                security.forgedDropped();
                delivery.transmitDropped(DropReason.FORGED_SOURCE_MAC);
                return true;
            }
            if (!local.switchLocally(frame)) {
                gate.offer(frame); // the gate owns the frame from here, whatever it decides
            }
            return true;
        };
    }

    private void refuseOwnedMac(long mac) {
        for (Uplink present : maps.all()) {
            if (present.router.owns(mac)) {
                throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " is already connected");
            }
        }
    }

    /** Sets the security policy of the virtual NIC of that port. */
    void secure(int port, VnicSecurity policy) {
        Uplink uplink = uplinkOf(port);
        PortSecurity security = uplink.router.securityOf(port);
        if (policy.macChanges() && !security.policy().macChanges() && security.effectiveMac() != security.assignedMac) {
            refuseOwnedMac(security.effectiveMac()); // the guest's own MAC becomes the one it receives at
        }
        security.setPolicy(policy);
        uplink.router.reindex();
        events.securityChanged(security.vm, port, "forgedTransmits=" + word(policy.forgedTransmits())
                + " macChanges=" + word(policy.macChanges()) + " promiscuous=" + word(policy.promiscuous()));
    }

    private static String word(boolean accepted) {
        return accepted ? "accept" : "reject";
    }

    /** The guest of that port set its adapter's MAC: its effective MAC. */
    void guestMacChanged(int port, long mac) {
        Uplink uplink = uplinkOf(port);
        PortSecurity security = uplink.router.securityOf(port);
        if (security.policy().macChanges() && mac != security.receivingMac()) {
            refuseOwnedMac(mac);
        }
        security.setEffectiveMac(mac);
        uplink.router.reindex();
        boolean accepted = !security.refusesInbound();
        events.guestMacChanged(security.vm, port, accepted, "guest MAC " + MacAddress.format(mac) + ", assigned "
                + MacAddress.format(security.assignedMac) + (accepted ? "" : "; MAC changes are rejected: the guest"
                        + " receives nothing until it takes the assigned MAC back"));
    }

    /** The guest of that port asked for promiscuous mode, or gave it up; counted as refused while its policy rejects. */
    void guestPromiscuousChanged(int port, boolean promiscuous) {
        Uplink uplink = uplinkOf(port);
        PortSecurity security = uplink.router.securityOf(port);
        if (security.promiscuousRequested() == promiscuous) {
            return;
        }
        security.setPromiscuousRequested(promiscuous);
        uplink.router.reindex();
        boolean accepted = security.policy().promiscuous();
        events.guestPromiscuousChanged(security.vm, port, promiscuous, accepted, "guest promiscuous mode "
                + (promiscuous ? "on" : "off") + (!promiscuous ? "" : accepted ? "; accepted: it gets a copy of every"
                        + " frame on its uplink" : "; promiscuous mode is rejected: each frame it would have got is"
                                + " counted as PROMISCUOUS_REFUSED"));
    }

    private Uplink uplinkOf(int port) {
        Uplink uplink = uplinkOfPort.get(port);
        if (uplink == null) {
            throw new IllegalArgumentException("no virtual NIC is connected at port " + port);
        }
        return uplink;
    }

    /** The virtual NIC leaves; an unbonded NIC no one uses any more is free to join a bond. */
    void disconnect(int port) {
        Uplink uplink = uplinkOfPort.remove(port);
        if (uplink == null) {
            return;
        }
        uplink.gate.disconnect(port);
        uplink.router.disconnect(port);
        if (maps.vms.disconnected(port)) {
            uplink.bond.vmsChanged();
        }
        if (uplink.unbondedNic && uplink.router.connected() == 0) {
            uplink.close();
            maps.unbonded.remove(uplink.bond.name());
        }
    }

    /** Names of the VMs whose virtual NICs connect to that bond or unbonded NIC; an unknown bond is refused. */
    List<String> vmsOn(String uplinkName) {
        Uplink uplink = maps.uplink(uplinkName);
        return maps.vmsOn(uplink != null ? uplink : maps.bond(uplinkName));
    }
}
