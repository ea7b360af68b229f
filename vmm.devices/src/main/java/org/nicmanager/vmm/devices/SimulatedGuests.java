package org.nicmanager.vmm.devices;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;

/**
 * The {@code sim} back end, the default: the guest is a simulated workload ({@link GuestWorkloads}) that writes into
 * the device's DMA path, and a receive side ({@link GuestFlowCounter}) per VM, shared by its virtual NICs, that counts
 * what it receives per flow. It is built into the VMM rather than found on the whiteboard, because {@code guest:}
 * commands drive it. World thread only.
 */
final class SimulatedGuests implements VnicBackend {

    static final String NAME = "sim";

    /** Each VM's guest receive side, made with its first virtual NIC. */
    private final Map<String, GuestFlowCounter> guests = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return Set.of();
    }

    @Override
    public GuestConnection open(GuestPort port, Map<String, String> options) {
        GuestFlowCounter guest = guests.computeIfAbsent(port.vm(), GuestFlowCounter::new);
        return new GuestConnection() {
            @Override
            public void received(FrameBuffer frame) {
                guest.received(frame);
            }

            @Override
            public String describe() {
                return "simulated workload";
            }

            @Override
            public Map<String, Long> fromGuestDropped() {
                return Map.of();
            }

            @Override
            public Map<String, Long> toGuestDropped() {
                return Map.of();
            }

            @Override
            public void close() {
                // the VM's counters outlive its virtual NICs, for guest:stats
            }
        };
    }

    /** The VM's receive side goes, as after a refused {@code vnic:add} of its first virtual NIC. */
    void forget(String vm) {
        guests.remove(vm);
    }

    /** The VM's receive side, or null when it never had a simulated virtual NIC. */
    GuestFlowCounter guest(String vm) {
        return guests.get(vm);
    }
}
