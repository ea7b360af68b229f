package org.nicmanager.vmm.devices;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;

/** A virtual NIC's device as its back end sees it: frames the guest sent enter the device's transmit path here. */
final class DevicePort implements GuestPort {

    private final String vm;
    private final EmulatedNic device;
    private final NetworkWorld world;

    DevicePort(String vm, EmulatedNic device, NetworkWorld world) {
        this.vm = vm;
        this.device = device;
        this.world = world;
    }

    @Override
    public String vnic() {
        return device.name();
    }

    @Override
    public String vm() {
        return vm;
    }

    @Override
    public long mac() {
        return device.mac();
    }

    @Override
    public int mtuBytes() {
        return device.model().mtuBytes();
    }

    @Override
    public NetworkWorld world() {
        return world;
    }

    @Override
    public void fromGuest(FrameBuffer frame) {
        device.transmitFromBackend(frame);
    }
}
