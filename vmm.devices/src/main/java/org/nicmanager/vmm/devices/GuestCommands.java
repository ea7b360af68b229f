package org.nicmanager.vmm.devices;

import java.util.EnumSet;
import java.util.Set;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.lib.units.TimeSpan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@code guest:} commands: workloads inside VMs, and what their guests receive. */
@Component(service = GuestCommands.class, property = {"osgi.command.scope=guest", "osgi.command.function=traffic",
    "osgi.command.function=stop", "osgi.command.function=stats", "osgi.command.function=mac",
    "osgi.command.function=promisc"})
public final class GuestCommands {

    /** What {@code guest:traffic} started; {@code frames} counts data segments for TCP. */
    public record Started(String vm, String vnic, String to, String pattern, long rateBps, int frameBytes, int flows,
            String frames) {
    }

    /** What a guest may send to (COMMANDS.md): any VM, vNIC, host or NIC by name, or any MAC. */
    private static final Set<NameKind> DESTINATIONS = EnumSet.of(NameKind.VM, NameKind.VNIC, NameKind.HOST,
            NameKind.NIC, NameKind.ADDRESS);

    private final VirtualDevicesComponent devices;
    private final NameDirectory names;

    @Activate
    public GuestCommands(@Reference VirtualDevicesComponent devices, @Reference NameDirectory names) {
        this.devices = devices;
        this.names = names;
    }

    @Descriptor("Start stamped test traffic (UDP, or TCP-like sessions) from a running VM's first virtual NIC")
    public Started traffic(
            @Descriptor("destination: a VM (its first vNIC), a vNIC, a host or a NIC by name, or a MAC") @Parameter(
                    names = "--to", absentValue = "") String to,
            @Descriptor("offered rate, e.g. 100Mbps (frame bytes, no preamble or gap); the mean for poisson, the"
                    + " average for burst") @Parameter(names = "--rate", absentValue = "10Mbps") String rate,
            @Descriptor("frame size, 60..9014 bytes (tcp: a data segment, at least 70)") @Parameter(
                    names = "--frame", absentValue = "1000") String frame,
            @Descriptor("flows, taking turns (tcp: one session each)") @Parameter(names = "--flows",
                    absentValue = "1") int flows,
            @Descriptor("cbr (equal gaps), burst (back-to-back at the vNIC's line rate, then idle), poisson"
                    + " (exponential gaps), tcp (SYN, data with sequence numbers, FIN; equal gaps)") @Parameter(
                    names = "--pattern", absentValue = "cbr") String pattern,
            @Descriptor("burst: frames per burst, 1..65536 (default 32)") @Parameter(names = "--burst-frames",
                    absentValue = "0") int burstFrames,
            @Descriptor("poisson: the workload's random seed (default: split from the kernel's seed)") @Parameter(
                    names = "--seed", absentValue = "") String seed,
            @Descriptor("stop after this many frames (tcp: data segments; default: no end)") @Parameter(
                    names = "--count", absentValue = "0") long count,
            @Descriptor("stop after this long at the rate (default: no end)") @Parameter(names = "--for",
                    absentValue = "") String duration,
            @Descriptor("the VM") String vm) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("guest:traffic needs --to HOST|VM|VNIC|NIC|MAC; "
                    + names.listing(DESTINATIONS));
        }
        GuestPattern shape = GuestPattern.fromName(pattern);
        if (burstFrames != 0 && shape != GuestPattern.BURST) {
            throw new IllegalArgumentException("--burst-frames " + burstFrames + " applies to --pattern burst only,"
                    + " not " + pattern);
        }
        if (!seed.isEmpty() && shape != GuestPattern.POISSON) {
            throw new IllegalArgumentException("--seed " + seed + " applies to --pattern poisson only, not " + pattern);
        }
        if (count < 0) {
            throw new IllegalArgumentException("bad --count " + count + ": a number of frames, at least 1");
        }
        if (count > 0 && !duration.isEmpty()) {
            throw new IllegalArgumentException("--count " + count + " and --for " + duration + " both say when to stop;"
                    + " give one of them");
        }
        long rateBps = VirtualDevicesComponent.rateBps(rate);
        int frameBytes = VirtualDevicesComponent.frameBytes(frame);
        long frames = count > 0 ? count : duration.isEmpty() ? Long.MAX_VALUE : framesFor(duration, rateBps, frameBytes);
        Long workloadSeed = seed.isEmpty() ? null : seed(seed);
        VmInfo source = devices.vms().vm(vm).orElseThrow(
                () -> new IllegalArgumentException("no VM named '" + vm + "'"));
        long destination = names.resolve("--to", to, DESTINATIONS).mac().bits();
        WorkloadSpec spec = new WorkloadSpec(destination, shape, rateBps, frameBytes, flows, frames,
                burstFrames == 0 ? WorkloadSpec.DEFAULT_BURST_FRAMES : burstFrames);
        String vnic = devices.world().call(() -> {
            devices.devices().startTraffic(source, spec, workloadSeed);
            return devices.devices().firstVnicOf(vm).name();
        });
        return new Started(vm, vnic, to, shape.optionName(), rateBps, frameBytes, flows,
                frames == Long.MAX_VALUE ? "unbounded" : Long.toString(frames));
    }

    @Descriptor("Stop a VM's traffic (a tcp workload closes its open sessions with a FIN)")
    public String stop(@Descriptor("the VM") String vm) {
        boolean stopped = devices.world().call(() -> devices.devices().stopTraffic(vm));
        return stopped ? "stopped the traffic of VM " + vm : "VM " + vm + " was sending nothing";
    }

    @Descriptor("What a VM's guest received over its virtual NICs: frames, bytes, and per flow the frames lost and"
            + " reordered (from the stamps' sequence numbers)")
    public Object stats(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json, @Descriptor("the VM") String vm) {
        devices.vms().vm(vm).orElseThrow(() -> new IllegalArgumentException("no VM named '" + vm + "'"));
        GuestStats stats = devices.world().call(() -> devices.devices().guestStats(vm));
        return json ? new Json(stats) : stats;
    }

    /** The MAC a guest set on its adapter, as {@code guest:mac} answers. */
    public record GuestMac(String vnic, String assignedMac, String guestMac) {
    }

    @Descriptor("A simulated guest sets its adapter's MAC (its effective MAC); what follows is the port's security"
            + " policy (vnic:security): rejected MAC changes leave the guest receiving nothing")
    public GuestMac mac(@Descriptor("the virtual NIC, e.g. web-0") String vnic,
            @Descriptor("the MAC, e.g. 02:00:00:00:00:99; the assigned MAC takes it back") String mac) {
        long bits = MacAddress.parse(mac).bits();
        if (MacAddress.isMulticast(bits)) {
            throw new IllegalArgumentException("bad MAC '" + mac + "': a group address; an adapter's MAC is unicast");
        }
        VirtualNic changed = devices.world().call(() -> devices.devices().setGuestMac(vnic, bits));
        EmulatedNic device = changed.device();
        return new GuestMac(changed.name(), MacAddress.format(device.mac()), MacAddress.format(device.guestMac()));
    }

    /** Whether a guest asks for promiscuous mode, as {@code guest:promisc} answers, with its port's switch. */
    public record GuestPromiscuous(String vnic, boolean promiscuous, String policy) {
    }

    @Descriptor("A simulated guest turns its adapter's promiscuous mode on or off; what follows is the port's security"
            + " policy (vnic:security): accepted, the guest gets a copy of every frame on its uplink; rejected, each"
            + " such frame is counted as PROMISCUOUS_REFUSED")
    public GuestPromiscuous promisc(@Descriptor("the virtual NIC, e.g. web-0") String vnic,
            @Descriptor("on or off") String mode) {
        boolean on = switch (mode) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("bad promiscuous mode '" + mode + "': on or off");
        };
        VirtualNic changed = devices.world().call(() -> devices.devices().setGuestPromiscuous(vnic, on));
        return new GuestPromiscuous(changed.name(), changed.guestPromiscuous(),
                changed.security().promiscuous() ? "accept" : "reject");
    }

    /** Frames that {@code duration} holds at the rate: at least one. */
    private static long framesFor(String duration, long rateBps, int frameBytes) {
        long nanos = TimeSpan.parse(duration).nanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("bad --for '" + duration + "': must be above 0");
        }
        return Math.max(1, (long) ((double) nanos * rateBps / Byte.SIZE / frameBytes / 1e9));
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("bad --seed '" + text + "': a whole number, e.g. 42");
        }
    }
}
