package org.nicmanager.vmm.devices;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;

/**
 * A virtual NIC as the VMM keeps it: its device, its VM, the uplink it is assigned to (a bond or an unbonded NIC, by
 * name) and whether a NIC manager has it connected now. The assignment outlives the NIC manager: when one leaves, the
 * device is disconnected but keeps its assignment, and is connected again to that uplink when a NIC manager comes
 * back (patent [0060]-[0061]: the VM keeps its NIC; only the teaming under it changes). World thread only.
 */
final class VirtualNic {

    private final String vm;
    private final EmulatedNic device;
    private String uplink;
    /** Why the last connection to {@link #uplink} was refused, or null. */
    private String refusal;

    VirtualNic(String vm, EmulatedNic device) {
        this.vm = vm;
        this.device = device;
    }

    /**
     * Connects the device to {@code name} through {@code manager} and makes that its assignment. A connected device
     * must be disconnected first.
     *
     * @throws IllegalArgumentException when the NIC manager refuses, naming why; nothing changes then
     */
    void connect(VnicUplinks manager, String name) {
        if (device.connected()) {
            throw new IllegalStateException("virtual NIC " + device.name() + " is still connected to " + uplink);
        }
        VnicUplink connected = manager.connect(name, vm, device.mac(), device.port(), new VnicDelivery() {
            @Override
            public void deliver(FrameBuffer frame) {
                device.deliver(frame);
            }

            @Override
            public void deliver(FrameHeaders headers, FrameBuffer frame) {
                device.deliver(headers, frame); // parsed once, by the NIC manager's router
            }

            @Override
            public void transmitDropped(DropReason reason) {
                device.transmitDropped(reason);
            }
        });
        device.connect(connected);
        uplink = name;
        refusal = null;
    }

    /**
     * Connects the device again to its assignment, as after a NIC manager's return. A refusal is remembered (shown by
     * {@code vnic:list}) and the device stays disconnected, its frames dropped and counted, until the next try.
     */
    void reconnect(VnicUplinks manager) {
        if (uplink == null || device.connected()) {
            return;
        }
        try {
            connect(manager, uplink);
        } catch (IllegalArgumentException refused) {
            refusal = refused.getMessage();
        }
    }

    /** Stops sending through the uplink at once; the assignment stays. */
    void detach() {
        device.disconnect();
    }

    String vm() {
        return vm;
    }

    EmulatedNic device() {
        return device;
    }

    String name() {
        return device.name();
    }

    /** The assigned uplink, or null for none. */
    String uplink() {
        return uplink;
    }

    boolean connected() {
        return device.connected();
    }

    /** Why the last reconnection was refused, or null. */
    String refusal() {
        return refusal;
    }
}
