package org.nicmanager.vmm.devices;

import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.SecurityRow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vnic:security}: a virtual NIC port's security policy, vSphere's three switches (forged transmits, MAC changes,
 * promiscuous mode), each {@code accept} or {@code reject}, all rejected by default as on a distributed switch. The
 * NIC manager judges every frame by it; drops are counted by reason in {@code vnic:list}.
 */
@Component(service = VnicSecurityCommands.class, property = {"osgi.command.scope=vnic",
    "osgi.command.function=security"})
public final class VnicSecurityCommands {

    /** The policy a virtual NIC has after the command. */
    public record PortPolicy(String vnic, SecurityRow security) {
    }

    private final VirtualDevicesComponent devices;

    @Activate
    public VnicSecurityCommands(@Reference VirtualDevicesComponent devices) {
        this.devices = devices;
    }

    @Descriptor("Show or set a virtual NIC port's security policy; a switch not given keeps its value")
    public Object security(
            @Descriptor("frames whose source MAC is not the guest's: accept or reject (dropped, FORGED_SOURCE_MAC)")
            @Parameter(names = "--forged-transmits", absentValue = "") String forgedTransmits,
            @Descriptor("a guest that set another MAC: accept (it receives at that MAC) or reject (it receives"
                    + " nothing, MAC_CHANGE_REFUSED)") @Parameter(names = "--mac-changes", absentValue = "")
            String macChanges,
            @Descriptor("accept (a copy of every frame on its uplink) or reject (its own frames only)")
            @Parameter(names = "--promiscuous", absentValue = "") String promiscuous,
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the virtual NIC, e.g. web-0") String vnic) {
        PortPolicy policy = devices.world().call(() -> {
            VirtualNic port = devices.devices().vnic(vnic);
            VnicSecurity now = port.security();
            VnicSecurity wanted = new VnicSecurity(
                    switchValue("--forged-transmits", forgedTransmits, now.forgedTransmits()),
                    switchValue("--mac-changes", macChanges, now.macChanges()),
                    switchValue("--promiscuous", promiscuous, now.promiscuous()));
            if (!wanted.equals(now)) {
                devices.devices().secure(vnic, wanted);
            }
            return new PortPolicy(vnic, SecurityRow.of(port.security()));
        });
        return json ? new Json(policy) : policy;
    }

    /** {@code accept} or {@code reject}; empty keeps {@code current}. */
    static boolean switchValue(String option, String value, boolean current) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" -> current;
            case "accept" -> true;
            case "reject" -> false;
            default -> throw new IllegalArgumentException("bad " + option + " '" + value + "': accept or reject");
        };
    }
}
