package org.nicmanager.vmm.devices;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.dos.ReceiveInspector;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmLifecycleListener;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicAssigner;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;
import org.nicmanager.lib.units.ByteSize;
import org.nicmanager.lib.units.Rate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code vnic:} commands over the VMM's virtual devices (COMMANDS.md), and the devices' tie to the NIC manager.
 * What is done to every virtual NIC (the NIC manager, a back end or an inspector coming or going) runs in the world's
 * control slices, so that thousands of NICs never hold the world for long at once (issue 17).
 *
 * <p>The NIC manager is a dynamic, greedy, optional reference: swapping one variant for the other (patent [0076]-[0082])
 * must not restart the VMM, or every VM would lose its virtual NICs. While no NIC manager is there, the NICs keep
 * their assignments and drop (and count) what their guests send; a new one gets them all connected again.
 */
@Component(service = {VirtualDevicesComponent.class, VnicAssigner.class, VmLifecycleListener.class},
        immediate = true, property = {"osgi.command.scope=vnic", "osgi.command.function=add",
            "osgi.command.function=assign", "osgi.command.function=list"})
public final class VirtualDevicesComponent implements VnicAssigner, VmLifecycleListener {

    /** The kernel's seed when its configuration sets none (the {@code seed} of {@code org.nicmanager.kernel}). */
    static final long DEFAULT_KERNEL_SEED = 1;
    /** The service property in which the kernel publishes its configured seed. */
    static final String KERNEL_SEED_PROPERTY = "seed";

    /** {@code vnic:list}. */
    public record VnicList(List<VnicRow> vnics) {
    }

    /**
     * One row of {@code vnic:list}.
     *
     * @param uplink the assigned bond or NIC, or null
     * @param attached whether a NIC manager has the virtual NIC connected to its uplink now
     * @param txDrops guest frames that did not leave, every cause summed
     * @param rxDrops frames for the guest that it never got, every cause summed
     * @param rxHeld received frames whose interrupt the DoS defence held back for an assessment ([0130])
     * @param rxQueued received frames waiting for the guest now (e.g. while its VM is suspended)
     * @param txDropped guest frames that did not leave, by reason, only reasons that occurred
     * @param refusal why the last reconnection to the uplink was refused, or null
     * @param backend the device back end's name: where the guest is ({@code sim}, {@code tap}, {@code udp}, ...)
     * @param guest where the back end has the guest (a TAP name, UDP addresses), or null while the back end is away
     * @param rxDropped frames for the guest that it never got, by reason, only reasons that occurred
     * @param backendRefusal why the back end last refused to open the guest again, or null
     * @param security the port's security policy, each switch {@code accept} or {@code reject}
     * @param guestMac the MAC the guest set when it differs from {@code mac}, else null
     * @param guestMacRefusal why the NIC manager refused the MAC the guest set last, or null
     * @param guestPromiscuous whether the guest asks for promiscuous mode now (as its back end sees it); with the
     *            port's {@code promiscuous} rejected, each frame it would have got counts as PROMISCUOUS_REFUSED
     */
    public record VnicRow(String name, String vm, String mac, String model, String uplink, boolean attached,
            long txFrames, long rxFrames, long txDrops, long rxDrops, long rxHeld, int rxQueued,
            Map<String, Long> txDropped, String refusal, String backend, String guest, Map<String, Long> rxDropped,
            String backendRefusal, SecurityRow security, String guestMac, String guestMacRefusal,
            boolean guestPromiscuous) {
    }

    /** A port's security policy as {@code vnic:list} and {@code vnic:security} show it. */
    public record SecurityRow(String forgedTransmits, String macChanges, String promiscuous) {

        static SecurityRow of(VnicSecurity policy) {
            return new SecurityRow(word(policy.forgedTransmits()), word(policy.macChanges()),
                    word(policy.promiscuous()));
        }

        private static String word(boolean accepted) {
            return accepted ? "accept" : "reject";
        }
    }

    private final NetworkWorld world;
    private final VmManager vms;
    private final VirtualDevices devices;
    /** The DoS defence's inspectors; bound on SCR's threads, handed to the world as a snapshot. */
    private final List<ReceiveInspector> inspectors = new CopyOnWriteArrayList<>();

    @Activate
    public VirtualDevicesComponent(@Reference NetworkWorld world,
            @Reference(service = KernelScheduler.class) Map.Entry<Map<String, Object>, KernelScheduler> kernel,
            @Reference VmManager vms) {
        this.world = world;
        this.vms = vms;
        this.devices = new VirtualDevices(kernel.getValue(), kernelSeed(kernel.getKey()), world);
    }

    /** Every guest is closed, so that no back end keeps a thread, a socket or a TAP device open. */
    @Deactivate
    void deactivate() {
        world.runInSlices(devices.closeGuests());
    }

    /** A device back end came: virtual NICs waiting for one of its name get their guest again. */
    @Reference(name = "backends", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindBackend(VnicBackend backend) {
        devices.backends().add(backend);
        world.runInSlices(devices.backendArrived(backend.name()));
    }

    /** A device back end is leaving: its guests are closed (or moved to another service of its name). */
    void unbindBackend(VnicBackend backend) {
        devices.backends().remove(backend);
        world.runInSlices(devices.backendLeft(backend));
    }

    /** A NIC manager came (perhaps replacing another, being greedy): every virtual NIC is connected through it. */
    @Reference(name = "uplinks", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUplinks(VnicUplinks uplinks) {
        world.runInSlices(devices.uplinksArrived(uplinks));
    }

    /** The NIC manager is leaving (still active, so it can be told): every virtual NIC is disconnected. */
    void unbindUplinks(VnicUplinks uplinks) {
        world.runInSlices(devices.uplinksLeft(uplinks));
    }

    /** An inspector came: every virtual NIC is shown to it from now on. */
    @Reference(name = "inspectors", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindInspector(ReceiveInspector inspector) {
        inspectors.add(inspector);
        world.runInSlices(devices.inspectorsChanged(inspectors));
    }

    void unbindInspector(ReceiveInspector inspector) {
        inspectors.remove(inspector);
        world.runInSlices(devices.inspectorsChanged(inspectors));
    }

    /** Inside the VM manager's step, on the world thread: the guest pauses or continues in the same instant. */
    @Override
    public void stateChanged(VmInfo vm, VmState previous) {
        world.run(() -> devices.vmStateChanged(vm, previous));
    }

    /** A virtual NIC with a simulated guest (for tests; not a command, as Gogo sees public methods only). */
    VnicInfo add(String model, String mac, String uplink, String vm) {
        return add(SimulatedGuests.NAME, "", "", "", "", "", model, mac, uplink, vm);
    }

    @Descriptor("Add a virtual NIC to a VM")
    public VnicInfo add(
            @Descriptor("device back end, where the guest is: sim (a simulated workload, the default), tap (a Linux"
                    + " TAP device), udp (one frame per datagram, as QEMU's -netdev dgram), veth (the far side of a"
                    + " veth pair), or another registered")
            @Parameter(names = "--backend", absentValue = SimulatedGuests.NAME) String backend,
            @Descriptor("tap: the TAP device's name, e.g. nmtap0") @Parameter(names = "--tap", absentValue = "")
            String tap,
            @Descriptor("tap: on lets the guest leave checksums and TCP segmentation to the host (64 KB super-frames,"
                    + " cut by the Linux NIC that sends them), off (the default) makes it send finished frames")
            @Parameter(names = "--offloads", absentValue = "") String offloads,
            @Descriptor("veth: the host's end of the guest's veth pair, e.g. vethg0") @Parameter(names = "--interface",
                    absentValue = "") String interfaceName,
            @Descriptor("udp: the local HOST:PORT to receive the guest's frames on") @Parameter(names = "--listen",
                    absentValue = "") String listen,
            @Descriptor("udp: the guest's HOST:PORT to send its frames to") @Parameter(names = "--peer",
                    absentValue = "") String peer,
            @Descriptor("emulated model: e1000 (MTU 9000, deep rings, 1 Gb/s) or pcnet (MTU 1500, shallow rings,"
                    + " 100 Mb/s)") @Parameter(names = "--model", absentValue = "e1000") String model,
            @Descriptor("its MAC, e.g. 02:00:00:00:00:11 (default: generated)") @Parameter(names = "--mac",
                    absentValue = "") String mac,
            @Descriptor("the bond (or unbonded NIC) it sends and receives through") @Parameter(names = "--uplink",
                    absentValue = "") String uplink,
            @Descriptor("the VM") String vm) {
        VnicModel vnicModel = VnicModel.fromName(model);
        long macBits = mac.isEmpty() ? -1 : MacAddress.parse(mac).bits();
        Map<String, String> options = new TreeMap<>();
        putIfGiven(options, "tap", tap);
        putIfGiven(options, "offloads", offloads);
        putIfGiven(options, "interface", interfaceName);
        putIfGiven(options, "listen", listen);
        putIfGiven(options, "peer", peer);
        // One visit to the world for both: the VM manager answers at once there (issue 17: a hand-over each).
        VirtualNic vnic = world.call(() -> {
            VmInfo owner = vms.vm(vm).orElseThrow(() -> new IllegalArgumentException("no VM named '" + vm + "'"));
            return devices.add(owner, vnicModel, macBits, uplink.isEmpty() ? null : uplink, backend, options);
        });
        VnicInfo info = info(vnic);
        vms.attachVnic(vm, info);
        return info;
    }

    /** Moves a virtual NIC to another bond or unbonded NIC, and updates the VM manager's record of it. */
    @Override
    @Descriptor("Assign a virtual NIC to another bond or unbonded NIC; if refused, it stays where it was")
    public VnicInfo assign(@Descriptor("the virtual NIC, e.g. web1-0") String vnic,
            @Descriptor("the bond or unbonded NIC") String uplink) {
        VirtualNic moved = world.call(() -> devices.assign(vnic, uplink));
        VnicInfo info = info(moved);
        vms.updateVnic(moved.vm(), info);
        return info;
    }

    @Descriptor("List the virtual NICs with their uplink, whether attached to it now, and counters")
    public Object list(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        VnicList list = new VnicList(world.call(devices::rows));
        return json ? new Json(list) : list;
    }

    private static void putIfGiven(Map<String, String> options, String name, String value) {
        if (!value.isEmpty()) {
            options.put(name, value);
        }
    }

    private static VnicInfo info(VirtualNic vnic) {
        EmulatedNic device = vnic.device();
        return new VnicInfo(device.name(), MacAddress.format(device.mac()), device.model().name(), vnic.uplink());
    }

    /** The guest workloads, for {@link GuestCommands}. */
    VirtualDevices devices() {
        return devices;
    }

    NetworkWorld world() {
        return world;
    }

    VmManager vms() {
        return vms;
    }

    /** The seed the kernel publishes with its services, as a number or its text; the kernel's default without one. */
    static long kernelSeed(Map<String, Object> kernelProperties) {
        Object seed = kernelProperties.get(KERNEL_SEED_PROPERTY);
        if (seed instanceof Number number) {
            return number.longValue();
        }
        return seed == null ? DEFAULT_KERNEL_SEED : Long.parseLong(seed.toString().trim());
    }

    static long rateBps(String rate) {
        return Rate.parseBitsPerSecond(rate);
    }

    static int frameBytes(String size) {
        long bytes = ByteSize.parse(size).bytes();
        if (bytes < WorkloadSpec.MIN_FRAME_BYTES || bytes > WorkloadSpec.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("bad --frame '" + size + "': a guest frame is "
                    + WorkloadSpec.MIN_FRAME_BYTES + ".." + WorkloadSpec.MAX_FRAME_BYTES + " bytes");
        }
        return (int) bytes;
    }
}
