package org.nicmanager.vmm.devices;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.units.ByteSize;
import org.nicmanager.kernel.api.units.Rate;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code vnic:} and {@code guest:} commands over the VMM's virtual devices (COMMANDS.md). */
@Component(service = VirtualDevicesComponent.class, immediate = true, property = {"osgi.command.scope=vnic",
    "osgi.command.function=add", "osgi.command.function=list"})
public final class VirtualDevicesComponent {

    /** {@code vnic:list}. */
    public record VnicList(List<VnicRow> vnics) {
    }

    /** One row of {@code vnic:list}; drops summed over their causes. */
    public record VnicRow(String name, String vm, String mac, String model, String uplink, long txFrames,
            long rxFrames, long txDrops, long rxDrops) {
    }

    private final NetworkWorld world;
    private final VmManager vms;
    private final VirtualDevices devices;

    @Activate
    public VirtualDevicesComponent(@Reference NetworkWorld world, @Reference KernelScheduler scheduler,
            @Reference VmManager vms, @Reference VnicUplinks uplinks) {
        this.world = world;
        this.vms = vms;
        this.devices = new VirtualDevices(scheduler, uplinks);
    }

    @Descriptor("Add a virtual NIC to a VM")
    public VnicInfo add(
            @Descriptor("emulated model: e1000 (MTU 9000, deep rings) or pcnet (MTU 1500, shallow rings)") @Parameter(
                    names = "--model", absentValue = "e1000") String model,
            @Descriptor("its MAC, e.g. 02:00:00:00:00:11 (default: generated)") @Parameter(names = "--mac",
                    absentValue = "") String mac,
            @Descriptor("the bond it sends and receives through") @Parameter(names = "--uplink", absentValue = "")
            String uplink,
            @Descriptor("the VM") String vm) {
        VnicModel vnicModel = VnicModel.fromName(model);
        long macBits = mac.isEmpty() ? -1 : MacAddress.parse(mac).bits();
        VmInfo owner = vms.vm(vm).orElseThrow(() -> new IllegalArgumentException("no VM named '" + vm + "'"));
        VirtualDevices.Vnic vnic = world.call(() -> devices.add(owner, vnicModel, macBits,
                uplink.isEmpty() ? null : uplink));
        VnicInfo info = new VnicInfo(vnic.device().name(), MacAddress.format(vnic.device().mac()), vnicModel.name(),
                vnic.uplink());
        vms.attachVnic(vm, info);
        return info;
    }

    @Descriptor("List the virtual NICs with their counters")
    public Object list(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        VnicList list = new VnicList(world.call(devices::rows));
        return json ? new Json(list) : list;
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

    static long rateBps(String rate) {
        return Rate.parseBitsPerSecond(rate);
    }

    static int frameBytes(String size) {
        long bytes = ByteSize.parse(size).bytes();
        if (bytes < 60 || bytes > 9014) {
            throw new IllegalArgumentException("bad --frame '" + size + "': a guest frame is 60..9014 bytes");
        }
        return (int) bytes;
    }
}
