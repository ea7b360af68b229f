package org.nicmanager.nicmanager.lacp.auto;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code bond:auto [on|off] [--json]}: automatic bonding by LACP partnership (patent steps 753-754). */
@Component(service = AutoBondCommands.class, property = {"osgi.command.scope=bond", "osgi.command.function=auto"})
public final class AutoBondCommands {

    private final AutoBonding bonding;

    @Activate
    public AutoBondCommands(@Reference AutoBonding bonding) {
        this.bonding = bonding;
    }

    @Descriptor("Turn automatic bonding on or off (free NICs whose switch is the same LACP system form one bond), or"
            + " show it: the probed NICs, what they found and what was done")
    public Object auto(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("on or off; nothing to show the state") String... setting) {
        if (setting.length > 1 || setting.length == 1 && !setting[0].equals("on") && !setting[0].equals("off")) {
            throw new IllegalArgumentException("bad bond:auto '" + String.join(" ", setting) + "': expected on, off"
                    + " or nothing (to show it)");
        }
        AutoBondStatus status = setting.length == 0 ? bonding.status() : bonding.setEnabled(setting[0].equals("on"));
        return json ? new Json(status) : status;
    }
}
