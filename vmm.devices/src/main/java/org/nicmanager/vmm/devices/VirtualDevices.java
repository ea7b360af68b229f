package org.nicmanager.vmm.devices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FramePool;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vnic.VnicCounters;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.VnicRow;

/**
 * The VMM's virtual NICs and guest workloads, owned by the network world's thread. Every refusal names the value and
 * what is allowed, and changes nothing.
 */
final class VirtualDevices {

    /** Kernel frame buffers for the DMA emulation's copies: made on first need, jumbo-sized. */
    private static final int KERNEL_BUFFERS = 8192;

    /** A virtual NIC as listed: its device and the names around it. */
    record Vnic(String vm, String uplink, EmulatedNic device) {
    }

    private final KernelScheduler scheduler;
    private final VnicUplinks uplinks;
    private final FramePool kernelBuffers = new FramePool(KERNEL_BUFFERS, FrameBuffer.MAX_FRAME_BYTES);
    private final MacAllocator macs = new MacAllocator();
    private final Map<String, Vnic> vnics = new TreeMap<>();
    private final Map<String, GuestTraffic> traffic = new HashMap<>();
    private int nextPort;

    VirtualDevices(KernelScheduler scheduler, VnicUplinks uplinks) {
        this.scheduler = scheduler;
        this.uplinks = uplinks;
    }

    /** @param mac the MAC to use, or -1 for a generated one; @param uplink a bond, or null for none yet */
    Vnic add(VmInfo vm, VnicModel model, long mac, String uplink) {
        long claimed = mac < 0 ? macs.generate() : macs.claim(mac);
        String name = vm.name() + "-" + vm.vnics().size();
        EmulatedNic device = new EmulatedNic(name, claimed, model, nextPort, kernelBuffers, scheduler,
                FrameBuffer::release);
        if (uplink != null) {
            try {
                VnicUplink connected = uplinks.connect(uplink, vm.name(), claimed, nextPort, device::deliver);
                device.connect(connected);
            } catch (IllegalArgumentException refused) {
                macs.release(claimed); // a refusal changes nothing
                throw refused;
            }
        }
        nextPort++;
        Vnic vnic = new Vnic(vm.name(), uplink, device);
        vnics.put(name, vnic);
        return vnic;
    }

    /** Starts a guest's constant-rate traffic from its first virtual NIC; a running workload is replaced. */
    GuestTraffic startTraffic(VmInfo vm, long destinationMac, long rateBps, int frameBytes, int flows, long frames) {
        if (vm.state() != VmState.RUNNING) {
            throw new IllegalArgumentException("VM " + vm.name() + " is " + vm.state() + "; start it first");
        }
        Vnic vnic = firstVnicOf(vm.name());
        stopTraffic(vm.name());
        GuestTraffic workload = new GuestTraffic(scheduler, vnic.device(), destinationMac, rateBps, frameBytes, flows,
                frames);
        traffic.put(vm.name(), workload);
        workload.start();
        return workload;
    }

    boolean stopTraffic(String vmName) {
        GuestTraffic running = traffic.remove(vmName);
        if (running != null) {
            running.stop();
        }
        return running != null;
    }

    Vnic firstVnicOf(String vmName) {
        return vnics.values().stream().filter(vnic -> vnic.vm().equals(vmName)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("VM " + vmName + " has no virtual NIC; add one with vnic:add"));
    }

    List<VnicRow> rows() {
        List<VnicRow> rows = new ArrayList<>();
        for (Map.Entry<String, Vnic> entry : vnics.entrySet()) {
            EmulatedNic device = entry.getValue().device();
            VnicCounters counters = device.counters();
            rows.add(new VnicRow(entry.getKey(), entry.getValue().vm(), MacAddress.format(device.mac()),
                    device.model().name(), entry.getValue().uplink(), counters.txFrames(), counters.rxFrames(),
                    counters.txDropsTooLong() + counters.txDropsNoBuffer() + counters.txRefused(),
                    counters.rxDropsQueueFull()));
        }
        return rows;
    }
}
