package org.nicmanager.nicmanager.engine;

import static org.nicmanager.nicmanager.engine.UplinkMaps.listing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;

/**
 * Virtual NICs connected to uplinks (patent [0059]): a virtual NIC's frames go out through its bond or unbonded NIC,
 * through the gate in front of it (the resource manager's decision, step 810), and frames for its MAC come back to it.
 * World thread only.
 */
final class VnicPorts {

    private final UplinkMaps maps;
    /** Opens the uplink of an unbonded NIC that a first virtual NIC is assigned to directly. */
    private final Function<String, Uplink> openUnbonded;
    /** Virtual NIC port to the uplink it is connected to. */
    private final Map<Integer, Uplink> uplinkOfPort = new HashMap<>();

    VnicPorts(UplinkMaps maps, Function<String, Uplink> openUnbonded) {
        this.maps = maps;
        this.openUnbonded = openUnbonded;
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
        for (Uplink present : maps.all()) {
            if (present.router.owns(mac)) {
                throw new IllegalArgumentException("MAC " + MacAddress.format(mac) + " is already connected");
            }
        }
        if (uplinkOfPort.containsKey(port)) {
            throw new IllegalArgumentException("virtual NIC port " + port + " is already connected");
        }
        if (uplink == null) {
            uplink = maps.unbonded.computeIfAbsent(uplinkName, openUnbonded);
        }
        uplink.router.connect(mac, port, delivery);
        uplinkOfPort.put(port, uplink);
        if (maps.vms.connected(port, vm, priority)) {
            uplink.bond.vmsChanged();
        }
        uplink.gate.connect(port, vm);
        Gate gate = uplink.gate;
        InboundRouter local = uplink.router;
        return frame -> {
            if (!local.switchLocally(frame)) {
                gate.offer(frame); // the gate owns the frame from here, whatever it decides
            }
            return true;
        };
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
        if (uplink.unbondedNic && uplink.router.ports().isEmpty()) {
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
