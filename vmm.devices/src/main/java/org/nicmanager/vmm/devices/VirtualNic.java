package org.nicmanager.vmm.devices;

import java.util.Map;
import java.util.function.Consumer;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;

/**
 * A virtual NIC as the VMM keeps it: its device, its VM, the uplink it is assigned to (a bond or an unbonded NIC, by
 * name) and whether a NIC manager has it connected now. The assignment outlives the NIC manager: when one leaves, the
 * device is disconnected but keeps its assignment, and is connected again to that uplink when a NIC manager comes
 * back (patent [0060]-[0061]: the VM keeps its NIC; only the teaming under it changes). Its guest is behind a device
 * back end, chosen by name; when that back end's service leaves, frames for the guest are dropped and counted until a
 * back end of that name is back and opens the guest again. World thread only.
 */
final class VirtualNic {

    private final String vm;
    private final EmulatedNic device;
    private final String backend;
    private final Map<String, String> backendOptions;
    /** The guest as its back end opened it, or null while that back end is away. */
    private GuestConnection guest;
    /** Why the back end last refused to open the guest again, or null. */
    private String backendRefusal;
    /** Frames for the guest serviced while its back end was away. */
    private long toGuestNoBackend;
    private String uplink;
    /** Why the last connection to {@link #uplink} was refused, or null. */
    private String refusal;
    /** The NIC manager the device is connected through now, or null. */
    private VnicUplinks manager;
    /** The port's security policy; kept here so that it outlives NIC managers, and applied at each connect. */
    private VnicSecurity security = VnicSecurity.REJECT_ALL;
    /** Why the NIC manager refused the MAC the guest last set, or null. */
    private String guestMacRefusal;
    /** The guest asks for promiscuous mode (its back end saw it); told to each NIC manager it connects through. */
    private boolean guestPromiscuous;
    /** Guests opened so far: a back end's report posted before its guest was closed is not the next guest's. */
    private int openings;

    VirtualNic(String vm, EmulatedNic device, String backend, Map<String, String> backendOptions) {
        this.vm = vm;
        this.device = device;
        this.backend = backend;
        this.backendOptions = Map.copyOf(backendOptions);
    }

    /**
     * Opens the guest through {@code service}, which must be named {@link #backend()}.
     *
     * @throws IllegalArgumentException when the back end refuses, naming why; the guest stays away then
     */
    void openGuest(VnicBackend service, NetworkWorld world) {
        if (guest != null) {
            return;
        }
        guest = service.open(new DevicePort(vm, device, world, this::guestSetMac,
                reportedBy(++openings)), backendOptions);
        device.attachGuest(guest);
        backendRefusal = null;
    }

    /** Opens the guest again after its back end returned; a refusal is remembered for {@code vnic:list}. */
    void reopenGuest(VnicBackend service, NetworkWorld world) {
        try {
            openGuest(service, world);
        } catch (IllegalArgumentException refused) {
            backendRefusal = refused.getMessage();
        }
    }

    /** The back end is leaving or the VMM stopping: the guest is closed, and frames for it dropped and counted. */
    void closeGuest() {
        if (guest == null) {
            return;
        }
        GuestConnection closing = guest;
        guest = null;
        setGuestPromiscuous(false); // no guest asks for anything; a back end that opens it again tells afresh
        device.attachGuest(frame -> {
            toGuestNoBackend++;
            frame.release();
        });
        closing.close();
    }

    String backend() {
        return backend;
    }

    /** The guest now, or null while its back end is away. */
    GuestConnection guest() {
        return guest;
    }

    String backendRefusal() {
        return backendRefusal;
    }

    long toGuestNoBackend() {
        return toGuestNoBackend;
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

            @Override
            public void receiveDropped(DropReason reason) {
                device.receiveDropped(reason);
            }
        });
        try {
            if (!security.equals(VnicSecurity.REJECT_ALL)) {
                manager.secure(device.port(), security);
            }
            if (device.guestMac() != device.mac()) {
                manager.guestMacChanged(device.port(), device.guestMac());
            }
            if (guestPromiscuous) {
                manager.guestPromiscuousChanged(device.port(), true);
            }
        } catch (IllegalArgumentException refused) {
            manager.disconnect(device.port()); // a refusal changes nothing
            throw refused;
        }
        device.connect(connected);
        this.manager = manager;
        uplink = name;
        refusal = null;
    }

    /**
     * Sets the port's security policy; applied at once while connected, and at every later connect.
     *
     * @throws IllegalArgumentException when the NIC manager refuses it (the MAC the guest chose is another's)
     */
    void secure(VnicSecurity policy) {
        if (manager != null) {
            manager.secure(device.port(), policy);
        }
        security = policy;
    }

    VnicSecurity security() {
        return security;
    }

    /**
     * The guest set its adapter's MAC (for a simulated guest, by command; a real one's back end reports it).
     *
     * @throws IllegalArgumentException when the NIC manager refuses it: another virtual NIC receives at that MAC
     */
    void setGuestMac(long mac) {
        if (manager != null) {
            manager.guestMacChanged(device.port(), mac);
        }
        device.setGuestMac(mac);
        guestMacRefusal = null;
    }

    /** A back end reports the MAC its guest set; a refusal is kept for {@code vnic:list}, the guest keeps the old. */
    private void guestSetMac(long mac) {
        try {
            setGuestMac(mac);
        } catch (IllegalArgumentException refused) {
            guestMacRefusal = refused.getMessage();
        }
    }

    /** Where the back end of opening {@code opening} reports its guest's promiscuous mode: ignored once it closed. */
    private Consumer<Boolean> reportedBy(int opening) {
        return promiscuous -> {
            if (opening == openings && guest != null) {
                setGuestPromiscuous(promiscuous);
            }
        };
    }

    /** The guest turned promiscuous mode on or off (a back end saw it); its port's policy decides what follows. */
    void setGuestPromiscuous(boolean promiscuous) {
        if (promiscuous == guestPromiscuous) {
            return;
        }
        guestPromiscuous = promiscuous;
        if (manager != null) {
            manager.guestPromiscuousChanged(device.port(), promiscuous);
        }
    }

    boolean guestPromiscuous() {
        return guestPromiscuous;
    }

    String guestMacRefusal() {
        return guestMacRefusal;
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
        manager = null;
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
