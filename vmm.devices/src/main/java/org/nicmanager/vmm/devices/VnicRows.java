package org.nicmanager.vmm.devices;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nicmanager.kernel.api.frame.DropReason;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.vnic.VnicCounters;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.SecurityRow;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.VnicRow;

/** A virtual NIC as {@code vnic:list} shows it: its device's counters and every drop of its frames, by reason. */
final class VnicRows {

    private VnicRows() {
    }

    static VnicRow of(VirtualNic vnic) {
        EmulatedNic device = vnic.device();
        VnicCounters counters = device.counters();
        Map<String, Long> txDropped = txDropped(counters, vnic);
        Map<String, Long> rxDropped = rxDropped(counters, vnic);
        GuestConnection guest = vnic.guest();
        return new VnicRow(vnic.name(), vnic.vm(), MacAddress.format(device.mac()), device.model().name(),
                vnic.uplink(), vnic.connected(), counters.txFrames(), counters.rxFrames(),
                txDropped.values().stream().mapToLong(Long::longValue).sum(),
                rxDropped.values().stream().mapToLong(Long::longValue).sum(), device.rxHeldFrames(),
                counters.rxQueued(), txDropped, vnic.refusal(), vnic.backend(),
                guest == null ? null : guest.describe(), rxDropped, vnic.backendRefusal(),
                SecurityRow.of(vnic.security()),
                device.guestMac() == device.mac() ? null : MacAddress.format(device.guestMac()),
                vnic.guestMacRefusal(), vnic.guestPromiscuous());
    }

    /**
     * Transmit drops by reason, only the reasons that occurred: the device's own, and those of its frames after the
     * uplink took them (the resource manager's queue aside, which {@code net:stats} shows): in the bond, in a physical
     * NIC, on a pulled cable.
     */
    private static Map<String, Long> txDropped(VnicCounters counters, VirtualNic vnic) {
        EmulatedNic device = vnic.device();
        Map<String, Long> dropped = new LinkedHashMap<>();
        GuestConnection guest = vnic.guest();
        if (guest != null) {
            guest.fromGuestDropped().forEach((reason, count) -> putIfAny(dropped, reason, count));
        }
        putIfAny(dropped, "TOO_LONG", counters.txDropsTooLong());
        putIfAny(dropped, "VM_SUSPENDED", device.txDropsSuspended());
        putIfAny(dropped, "NO_BUFFER", counters.txDropsNoBuffer());
        putIfAny(dropped, "NO_MEMBER_AVAILABLE", counters.txDropsNoUplink());
        putIfAny(dropped, "REFUSED_BY_UPLINK", counters.txRefused());
        for (DropReason reason : DropReason.values()) {
            putIfAny(dropped, reason.name(), device.txDroppedDownstream(reason));
        }
        return dropped;
    }

    /** Frames for the guest that it never got, by reason: the device's queue, then the back end's own drops. */
    private static Map<String, Long> rxDropped(VnicCounters counters, VirtualNic vnic) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        putIfAny(dropped, "QUEUE_FULL", counters.rxDropsQueueFull());
        putIfAny(dropped, "NO_BACKEND", vnic.toGuestNoBackend());
        for (DropReason reason : DropReason.values()) {
            putIfAny(dropped, reason.name(), vnic.device().rxDroppedUpstream(reason));
        }
        GuestConnection guest = vnic.guest();
        if (guest != null) {
            guest.toGuestDropped().forEach((reason, count) -> putIfAny(dropped, reason, count));
        }
        return dropped;
    }

    private static void putIfAny(Map<String, Long> dropped, String reason, long count) {
        if (count > 0) {
            dropped.merge(reason, count, Long::sum);
        }
    }
}
