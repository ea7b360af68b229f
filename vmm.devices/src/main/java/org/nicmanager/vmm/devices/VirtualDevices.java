package org.nicmanager.vmm.devices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.nicmanager.kernel.api.dos.ReceiveInspector;
import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.VnicRow;

/**
 * The VMM's virtual NICs, their guests' receive sides and workloads, owned by the network world's thread. The NIC
 * manager ({@link VnicUplinks}) may come and go, as when one variant replaces the other: virtual NICs keep their
 * assignment through the gap and are connected again when a NIC manager is back. Every refusal names the value and
 * what is allowed, and changes nothing.
 */
final class VirtualDevices {

    /** Kernel frame buffers for the DMA emulation's copies: made on first need, jumbo-sized. */
    private static final int KERNEL_BUFFERS = 8192;
    /** What a bulk phase walks when there is nothing to do. */
    private static final NavigableMap<String, VirtualNic> EMPTY = Collections.emptyNavigableMap();

    private final KernelScheduler scheduler;
    private final FramePool kernelBuffers = new FramePool(KERNEL_BUFFERS, FrameBuffer.MAX_FRAME_BYTES);
    private final MacAllocator macs = new MacAllocator();
    private final NavigableMap<String, VirtualNic> vnics = new TreeMap<>();
    /** The default back end: simulated guests, with each VM's receive side shared by its virtual NICs. */
    private final SimulatedGuests simulated = new SimulatedGuests();
    private final BackendCatalog backends = new BackendCatalog(simulated);
    /** The world the back ends' rings feed; null in tests that use the simulated guest alone. */
    private final NetworkWorld world;
    private final GuestWorkloads workloads;
    /** The DoS defence's inspectors (whiteboard), each asked for a tap per virtual NIC. */
    private List<ReceiveInspector> inspectors = List.of();
    /** The NIC manager now, or null while there is none. */
    private VnicUplinks uplinks;
    private int nextPort;

    VirtualDevices(KernelScheduler scheduler, long kernelSeed) {
        this(scheduler, kernelSeed, null);
    }

    VirtualDevices(KernelScheduler scheduler, long kernelSeed, NetworkWorld world) {
        this.scheduler = scheduler;
        this.world = world;
        this.workloads = new GuestWorkloads(scheduler, kernelSeed);
    }

    // --- device back ends coming and going ------------------------------------------------------------------------

    /** The back ends offered now; bound and unbound on DS threads. */
    BackendCatalog backends() {
        return backends;
    }

    /**
     * A back end service is serving its name now: virtual NICs on that name whose guest is away are opened again.
     * Bulk work: run it with {@code NetworkWorld.runInSlices}, as every method here that returns {@link BulkSteps}.
     */
    BulkSteps backendArrived(String name) {
        return new BulkSteps().each(() -> vnics, vnic -> reopenIfAway(vnic, name));
    }

    private void reopenIfAway(VirtualNic vnic, String backendName) {
        if (vnic.backend().equals(backendName) && vnic.guest() == null) {
            backends.find(backendName).ifPresent(service -> vnic.reopenGuest(service, world));
        }
    }

    /**
     * A back end service left (already out of the catalog): its guests are closed, and opened again through the
     * service that now serves the name, if another does.
     */
    BulkSteps backendLeft(VnicBackend backend) {
        return new BulkSteps().each(() -> vnics, vnic -> {
            if (vnic.backend().equals(backend.name())) {
                vnic.closeGuest();
            }
        }).each(() -> vnics, vnic -> reopenIfAway(vnic, backend.name()));
    }

    /** The VMM is stopping: every guest is closed, so no back end keeps a thread or a socket. */
    BulkSteps closeGuests() {
        return new BulkSteps().each(() -> vnics, VirtualNic::closeGuest);
    }

    // --- the NIC manager coming and going -------------------------------------------------------------------------

    /**
     * A NIC manager is available (it may replace the current one): every virtual NIC is connected to its assigned
     * uplink through it. A refusal (the bond does not exist there yet, say) leaves that NIC disconnected with the
     * reason, to be tried again at the next change of NIC manager or by {@code vnic:assign}. A NIC added or assigned
     * between two slices is connected through the new manager at once, and skipped after. Replacing one manager by
     * another (a variant swap) is done in one go: no NIC may be left with the one that goes.
     */
    BulkSteps uplinksArrived(VnicUplinks manager) {
        boolean[] arrived = {false};
        return new BulkSteps().then(() -> {
            if (manager == uplinks) {
                return;
            }
            if (uplinks != null) {
                VnicUplinks leaving = uplinks;
                detach(List.copyOf(vnics.values())).forEach(vnic -> leaving.disconnect(vnic.device().port()));
            }
            uplinks = manager;
            arrived[0] = true;
        }).each(() -> arrived[0] ? vnics : EMPTY, vnic -> vnic.reconnect(manager));
    }

    /**
     * The NIC manager is leaving: from now on every virtual NIC drops its guest's frames, counted, until one is back.
     * Every device is disconnected first, so that none sends to the leaving manager even if telling it fails; between
     * two slices the devices not yet disconnected still send through it (it is still active).
     */
    BulkSteps uplinksLeft(VnicUplinks manager) {
        boolean[] leaving = {false};
        List<VirtualNic> detached = new ArrayList<>();
        return new BulkSteps().then(() -> {
            if (manager == uplinks) { // else one that was already replaced
                uplinks = null;
                leaving[0] = true;
            }
        }).each(() -> leaving[0] ? vnics : EMPTY, vnic -> detached.addAll(detach(List.of(vnic))))
                .eachOf(() -> detached, vnic -> manager.disconnect(vnic.device().port()));
    }

    /** Detaches these devices from their manager, not yet telling it. @return the ones that were connected */
    private static List<VirtualNic> detach(List<VirtualNic> nics) {
        List<VirtualNic> detached = new ArrayList<>();
        for (VirtualNic vnic : nics) {
            if (vnic.connected()) {
                vnic.detach();
                detached.add(vnic);
            }
        }
        return detached;
    }

    private VnicUplinks requireUplinks(String what) {
        if (uplinks == null) {
            throw new IllegalArgumentException(what + " needs the NIC manager, and none is running now; start"
                    + " kernel.nicmanager or kernel.nicmanager.loadable");
        }
        return uplinks;
    }

    // --- virtual NICs ---------------------------------------------------------------------------------------------

    /** A virtual NIC with a simulated guest. */
    VirtualNic add(VmInfo vm, VnicModel model, long mac, String uplink) {
        return add(vm, model, mac, uplink, SimulatedGuests.NAME, Map.of());
    }

    /**
     * @param mac the MAC to use, or -1 for a generated one; @param uplink a bond or NIC, or null for none yet
     * @param backend the device back end's name; @param options its options, by name without dashes
     */
    VirtualNic add(VmInfo vm, VnicModel model, long mac, String uplink, String backend, Map<String, String> options) {
        VnicUplinks manager = uplink == null ? null : requireUplinks("vnic:add --uplink " + uplink);
        VnicBackend service = backends.require(backend, options);
        long claimed = mac < 0 ? macs.generate() : macs.claim(mac);
        String name = vm.name() + "-" + vm.vnics().size();
        EmulatedNic device = new EmulatedNic(name, claimed, model, nextPort, kernelBuffers, scheduler,
                FrameBuffer::release);
        VirtualNic vnic = new VirtualNic(vm.name(), device, backend, options);
        try {
            vnic.openGuest(service, world);
            if (manager != null) {
                vnic.connect(manager, uplink);
            }
        } catch (IllegalArgumentException refused) {
            vnic.closeGuest(); // a refusal changes nothing
            if (vnicsOf(vm.name()).findAny().isEmpty()) {
                simulated.forget(vm.name());
            }
            macs.release(claimed);
            throw refused;
        }
        nextPort++;
        vnics.put(name, vnic);
        if (vm.state() == VmState.SUSPENDED) {
            device.suspendGuest();
        }
        tap(vnic);
        return vnic;
    }

    /**
     * Moves a virtual NIC to another uplink: disconnected from the old one, connected to the new one. When the NIC
     * manager refuses the new one, the NIC goes back to the old one and the refusal is rethrown. Assigning the uplink
     * a NIC is already connected to changes nothing; assigning it while disconnected tries again.
     */
    VirtualNic assign(String vnicName, String uplink) {
        VirtualNic vnic = vnic(vnicName);
        VnicUplinks manager = requireUplinks("vnic:assign");
        if (vnic.connected() && uplink.equals(vnic.uplink())) {
            return vnic;
        }
        boolean wasConnected = vnic.connected();
        if (wasConnected) {
            vnic.detach();
            manager.disconnect(vnic.device().port());
        }
        try {
            vnic.connect(manager, uplink);
        } catch (IllegalArgumentException refused) {
            if (wasConnected) {
                vnic.reconnect(manager); // to the old assignment, which connect() left in place
            }
            throw refused;
        }
        tap(vnic); // the inspectors count per uplink, so they learn the new one
        return vnic;
    }

    // --- the DoS defence's receive inspection ---------------------------------------------------------------------

    /** The inspectors changed: every virtual NIC gets fresh taps from the ones there are now. */
    BulkSteps inspectorsChanged(List<ReceiveInspector> now) {
        return new BulkSteps().then(() -> inspectors = List.copyOf(now)).each(() -> vnics, this::tap);
    }

    private void tap(VirtualNic vnic) {
        ReceiveTap[] taps = new ReceiveTap[inspectors.size()];
        for (int i = 0; i < taps.length; i++) {
            ReceiveTap tap = inspectors.get(i).attach(vnic.name(), vnic.vm(), vnic.uplink());
            taps[i] = tap == null ? ReceiveTap.NONE : tap;
        }
        vnic.device().setTaps(taps);
    }

    // --- the VM lifecycle -----------------------------------------------------------------------------------------

    /**
     * A VM changed state (told inside the step, on the world thread): a suspended VM's guest stops sending and
     * servicing receive interrupts, keeping its queues and counters, and a resumed one continues from them; a stopped
     * VM's workload ends.
     */
    void vmStateChanged(VmInfo vm, VmState previous) {
        switch (vm.state()) {
            case SUSPENDED -> {
                workloads.pause(vm.name());
                devicesOf(vm.name()).forEach(EmulatedNic::suspendGuest);
            }
            case RUNNING -> {
                devicesOf(vm.name()).forEach(EmulatedNic::resumeGuest);
                workloads.resume(vm.name());
            }
            case STOPPED -> {
                workloads.stop(vm.name());
                devicesOf(vm.name()).forEach(EmulatedNic::resumeGuest);
            }
            default -> {
                // CREATED: nothing runs yet
            }
        }
    }

    private List<EmulatedNic> devicesOf(String vmName) {
        return vnicsOf(vmName).map(VirtualNic::device).toList();
    }

    /**
     * The virtual NICs of a VM, in name order. Its NICs are named {@code VM-N}, so only the names from {@code VM-}
     * are looked at, not every VM's (issue 17: a state change of each of thousands of VMs read them all).
     */
    private Stream<VirtualNic> vnicsOf(String vmName) {
        return vnics.subMap(vmName + "-", true, vmName + "-\uffff", true).values().stream()
                .filter(vnic -> vnic.vm().equals(vmName));
    }

    VirtualNic vnic(String name) {
        VirtualNic vnic = vnics.get(name);
        if (vnic == null) {
            throw new IllegalArgumentException("no virtual NIC named '" + name + "'; virtual NICs: "
                    + (vnics.isEmpty() ? "none" : String.join(", ", vnics.keySet())));
        }
        return vnic;
    }

    /** Sets a virtual NIC's port security policy ({@code vnic:security}). */
    VirtualNic secure(String vnicName, VnicSecurity policy) {
        VirtualNic vnic = vnic(vnicName);
        vnic.secure(policy);
        return vnic;
    }

    /** A simulated guest sets its adapter's MAC ({@code guest:mac}); a real guest's back end reports its own. */
    VirtualNic setGuestMac(String vnicName, long mac) {
        VirtualNic vnic = vnic(vnicName);
        if (!vnic.backend().equals(SimulatedGuests.NAME)) {
            throw new IllegalArgumentException("virtual NIC " + vnicName + " has a real guest (back end "
                    + vnic.backend() + "), which sets its MAC itself; guest:mac is for simulated guests");
        }
        vnic.setGuestMac(mac);
        return vnic;
    }

    /**
     * A simulated guest turns promiscuous mode on or off; a real guest's back end sees its own.
     *
     * @throws IllegalArgumentException for an unknown virtual NIC or one with a real guest
     */
    VirtualNic setGuestPromiscuous(String vnicName, boolean promiscuous) {
        VirtualNic vnic = vnic(vnicName);
        if (!vnic.backend().equals(SimulatedGuests.NAME)) {
            throw new IllegalArgumentException("virtual NIC " + vnicName + " has a real guest (back end "
                    + vnic.backend() + "), whose promiscuous mode its back end sees; guest:promisc is for simulated"
                    + " guests");
        }
        vnic.setGuestPromiscuous(promiscuous);
        return vnic;
    }

    VirtualNic firstVnicOf(String vmName) {
        return vnicsOf(vmName).findFirst().orElseThrow(
                () -> new IllegalArgumentException("VM " + vmName + " has no virtual NIC; add one with vnic:add"));
    }

    /** One row per virtual NIC for {@code vnic:list}, in name order. Control path. */
    List<VnicRow> rows() {
        return vnics.values().stream().map(VnicRows::of).toList();
    }

    // --- guests ---------------------------------------------------------------------------------------------------

    /** Starts a guest's workload from its first virtual NIC; a running workload is replaced. */
    void startTraffic(VmInfo vm, WorkloadSpec spec, Long seed) {
        if (vm.state() != VmState.RUNNING) {
            throw new IllegalArgumentException("VM " + vm.name() + " is " + vm.state() + "; start it first");
        }
        workloads.start(vm.name(), firstVnicOf(vm.name()).device(), spec, seed);
    }

    boolean stopTraffic(String vmName) {
        return workloads.stop(vmName);
    }

    /** What the VM's guest received, over all its virtual NICs. */
    GuestStats guestStats(String vmName) {
        GuestFlowCounter guest = simulated.guest(vmName);
        if (guest == null) {
            throw new IllegalArgumentException("VM " + vmName + " has no virtual NIC, so its guest receives nothing;"
                    + " add one with vnic:add");
        }
        long queueDrops = vnicsOf(vmName)
                .mapToLong(vnic -> vnic.device().counters().rxDropsQueueFull()).sum();
        return guest.stats(queueDrops);
    }
}
