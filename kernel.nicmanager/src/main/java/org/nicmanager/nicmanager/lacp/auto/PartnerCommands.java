package org.nicmanager.nicmanager.lacp.auto;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code lacp:partners [--json]}: which switches speak LACP, NIC by NIC (patent step 753). */
@Component(service = PartnerCommands.class, property = {"osgi.command.scope=lacp",
    "osgi.command.function=partners"})
public final class PartnerCommands {

    /** {@code lacp:partners}: one row per NIC LACP has asked. */
    public record Partners(List<AutoBonding.PartnerRow> nics) {
    }

    private final AutoBonding bonding;

    @Activate
    public PartnerCommands(@Reference AutoBonding bonding) {
        this.bonding = bonding;
    }

    @Descriptor("Show, for each NIC LACP has asked (members of LACP bonds, free NICs probed by bond:auto), whether"
            + " its switch speaks LACP and its system and key")
    public Object partners(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        Partners partners = new Partners(bonding.partners());
        return json ? new Json(partners) : partners;
    }
}
