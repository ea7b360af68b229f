package org.nicmanager.vmm.devices;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.units.TimeSpan;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code guest:} commands: workloads inside VMs. */
@Component(service = GuestCommands.class, property = {"osgi.command.scope=guest", "osgi.command.function=traffic",
    "osgi.command.function=stop"})
public final class GuestCommands {

    /** What {@code guest:traffic} started. */
    public record Started(String vm, String vnic, String to, long rateBps, int frameBytes, int flows, String frames) {
    }

    private final VirtualDevicesComponent devices;

    @Activate
    public GuestCommands(@Reference VirtualDevicesComponent devices) {
        this.devices = devices;
    }

    @Descriptor("Start constant-rate stamped UDP traffic from a running VM's first virtual NIC")
    public Started traffic(
            @Descriptor("destination: a MAC, e.g. an external host's from hw:topology, or a VM") @Parameter(
                    names = "--to", absentValue = "") String to,
            @Descriptor("offered rate, e.g. 100Mbps (frame bytes, no preamble or gap)") @Parameter(names = "--rate",
                    absentValue = "10Mbps") String rate,
            @Descriptor("frame size, 60..9014 bytes") @Parameter(names = "--frame", absentValue = "1000")
            String frame,
            @Descriptor("flows, taking turns") @Parameter(names = "--flows", absentValue = "1") int flows,
            @Descriptor("stop after this many frames (default: no end)") @Parameter(names = "--count",
                    absentValue = "0") long count,
            @Descriptor("stop after this long (default: no end)") @Parameter(names = "--for", absentValue = "")
            String duration,
            @Descriptor("the VM") String vm) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("guest:traffic needs --to MAC|VM");
        }
        if (flows < 1 || flows > 65_536) {
            throw new IllegalArgumentException("bad --flows " + flows + ": allowed 1..65536");
        }
        if (count < 0) {
            throw new IllegalArgumentException("bad --count " + count + ": a number of frames, at least 1");
        }
        long rateBps = VirtualDevicesComponent.rateBps(rate);
        if (rateBps == 0) {
            throw new IllegalArgumentException("bad --rate '" + rate + "': must be above 0");
        }
        int frameBytes = VirtualDevicesComponent.frameBytes(frame);
        long frames = count > 0 ? count : duration.isEmpty() ? Long.MAX_VALUE
                : Math.max(1, (long) ((double) TimeSpan.parse(duration).nanos() * rateBps / 8 / frameBytes / 1e9));
        VmInfo source = devices.vms().vm(vm).orElseThrow(
                () -> new IllegalArgumentException("no VM named '" + vm + "'"));
        long destination = destinationMac(to);
        String vnic = devices.world().call(() -> {
            devices.devices().startTraffic(source, destination, rateBps, frameBytes, flows, frames);
            return devices.devices().firstVnicOf(vm).device().name();
        });
        return new Started(vm, vnic, to, rateBps, frameBytes, flows, frames == Long.MAX_VALUE ? "unbounded"
                : Long.toString(frames));
    }

    @Descriptor("Stop a VM's traffic")
    public String stop(@Descriptor("the VM") String vm) {
        boolean stopped = devices.world().call(() -> devices.devices().stopTraffic(vm));
        return stopped ? "stopped the traffic of VM " + vm : "VM " + vm + " was sending nothing";
    }

    private long destinationMac(String to) {
        if (to.indexOf(':') >= 0 || to.indexOf('-') >= 0 && to.length() == 17) {
            return MacAddress.parse(to).bits();
        }
        VmInfo target = devices.vms().vm(to).orElseThrow(() -> new IllegalArgumentException("unknown destination '"
                + to + "': expected a MAC like 02:00:00:00:00:01 or a VM's name"));
        if (target.vnics().isEmpty()) {
            throw new IllegalArgumentException("VM " + to + " has no virtual NIC to send to");
        }
        return MacAddress.parse(target.vnics().get(0).mac()).bits();
    }
}
