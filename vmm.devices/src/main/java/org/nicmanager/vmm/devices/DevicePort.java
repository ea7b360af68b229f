package org.nicmanager.vmm.devices;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;

/** A virtual NIC's device as its back end sees it: frames the guest sent enter the device's transmit path here. */
final class DevicePort implements GuestPort {

    private final String vm;
    private final EmulatedNic device;
    private final NetworkWorld world;
    /** Where the guest's own choice of MAC goes: the virtual NIC, which tells its port. */
    private final LongConsumer guestMacChanged;
    /** Where the guest's request for promiscuous mode goes: the virtual NIC, which tells its port. */
    private final Consumer<Boolean> guestPromiscuousChanged;

    DevicePort(String vm, EmulatedNic device, NetworkWorld world, LongConsumer guestMacChanged,
            Consumer<Boolean> guestPromiscuousChanged) {
        this.vm = vm;
        this.device = device;
        this.world = world;
        this.guestMacChanged = guestMacChanged;
        this.guestPromiscuousChanged = guestPromiscuousChanged;
    }

    @Override
    public void guestMacChanged(long mac) {
        guestMacChanged.accept(mac);
    }

    @Override
    public void guestPromiscuousChanged(boolean promiscuous) {
        guestPromiscuousChanged.accept(promiscuous);
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
