package org.nicmanager.sim.network.shell;

import java.util.function.Consumer;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.model.Fault;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.TopologyView.LinkView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Fault injection: {@code hw:unplug}, {@code hw:plug}, {@code hw:fail} and {@code hw:repair}. Unplug and plug take a
 * card, a host, or the trunk between two switches as {@code SW1:SW2}.
 */
@Component(service = FaultCommands.class, property = {"osgi.command.scope=hw", "osgi.command.function=unplug",
        "osgi.command.function=plug", "osgi.command.function=fail", "osgi.command.function=repair"})
public final class FaultCommands {

    /** The topology's kind for a cable between two switches, whose device is the far switch's port. */
    private static final String TRUNK_KIND = "SWITCH";
    static final String USAGE_FAIL = "hw:fail NAME hardware|ring [--for DURATION] | hw:fail SW/N lacp [--for DURATION]";

    /**
     * A device's cable after a fault command: UP, DOWN (unplugged) or FAILED. A trunk is named {@code SW1:SW2} as the
     * switches were linked, of kind SWITCH as in {@code hw:topology}.
     */
    public record DeviceState(String device, String kind, String state) {
    }

    /** What {@code hw:fail} did; {@code forNanos} 0 means until {@code hw:repair}. */
    public record FaultInjected(String device, String fault, long forNanos) {
    }

    private final Hardware hardware;

    @Activate
    public FaultCommands(@Reference Hardware hardware) {
        this.hardware = hardware;
    }

    @Descriptor("Pull the cable of a card or host, or the trunk between two switches: carrier drops at both ends"
            + " only (cutting a trunk leaves the NICs and hosts on either switch up)")
    public Object unplug(@Descriptor("the card or host, or a trunk as SW1:SW2") String... name) {
        Words.expectCount(name, 1, "hw:unplug NAME | hw:unplug SW1:SW2");
        return act(name[0], world -> world.unplug(name[0]));
    }

    @Descriptor("Plug the cable of a card or host, or the trunk between two switches, back in")
    public Object plug(@Descriptor("the card or host, or a trunk as SW1:SW2") String... name) {
        Words.expectCount(name, 1, "hw:plug NAME | hw:plug SW1:SW2");
        return act(name[0], world -> world.plug(name[0]));
    }

    @Descriptor("Fail a card's hardware (carrier lost, ring flushed) or its transmit ring (every transmit BUSY), or"
            + " silence a switch port's LACP while its carrier stays up")
    public Object fail(
            @Descriptor("how long, e.g. 5s (default: until hw:repair)") @Parameter(names = "--for",
                    absentValue = Words.ABSENT) String duration,
            @Descriptor("NAME hardware|ring, or SW/N lacp") String... words) {
        Words.expectCount(words, 2, USAGE_FAIL);
        long forNanos = Words.given(duration) ? Words.durationNanos("--for", duration, false) : 0;
        if (words[1].equals("lacp")) {
            hardware.run(world -> world.silenceLacp(words[0], forNanos));
            return new FaultInjected(words[0], "LACP", forNanos);
        }
        Fault fault = Words.choice("fault", words[1], Fault.class);
        hardware.run(world -> world.fail(words[0], fault, forNanos));
        return new FaultInjected(words[0], fault.name(), forNanos);
    }

    @Descriptor("Repair a failed card, or give a switch port its LACP back")
    public Object repair(@Descriptor("the card, or SW/N") String... name) {
        Words.expectCount(name, 1, "hw:repair NAME | hw:repair SW/N");
        if (name[0].contains("/")) {
            hardware.run(world -> world.resumeLacp(name[0]));
            return new DeviceState(name[0], "SWITCH_PORT", "LACP_SPEAKING");
        }
        return act(name[0], world -> world.repair(name[0]));
    }

    /** Runs a fault on the world thread and reads the device's state in the same action. */
    private DeviceState act(String device, Consumer<PhysicalWorld> fault) {
        return hardware.call(world -> {
            fault.accept(world);
            return stateOf(world, device);
        });
    }

    /** The cable of a card, host or trunk the world has just accepted a command for. */
    private static DeviceState stateOf(PhysicalWorld world, String device) {
        for (LinkView link : world.topology().links()) {
            if (link.device().equals(device)) {
                return new DeviceState(link.device(), link.kind(), link.state());
            }
            // Names cannot hold ':' (Names.FORM), so only a trunk's name does.
            if (device.contains(":") && link.kind().equals(TRUNK_KIND)) {
                String near = link.switchName();
                String far = link.device().substring(0, link.device().lastIndexOf('/'));
                if (device.equals(near + ":" + far) || device.equals(far + ":" + near)) {
                    return new DeviceState(near + ":" + far, link.kind(), link.state());
                }
            }
        }
        throw new IllegalStateException("'" + device + "' has no cable");
    }
}
