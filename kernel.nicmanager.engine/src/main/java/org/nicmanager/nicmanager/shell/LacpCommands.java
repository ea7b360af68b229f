package org.nicmanager.nicmanager.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.nicmanager.engine.BondService;
import org.nicmanager.nicmanager.lacp.LacpBondStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code lacp:show NAME [--json]} (COMMANDS.md): a bond's link aggregation, actor and partner per member with their
 * system, key, port and state flags and the machines' states, as Open vSwitch's {@code lacp/show} gives them.
 */
@Component(service = LacpCommands.class, property = {"osgi.command.scope=lacp", "osgi.command.function=show"})
public final class LacpCommands {

    private final BondService manager;

    @Activate
    public LacpCommands(@Reference BondService manager) {
        this.manager = manager;
    }

    @Descriptor("Show a bond's link aggregation: the aggregator, and per member the mux and receive machines, the"
            + " actor's and the partner's system, key, port and state")
    public Object show(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the bond") String bond) {
        LacpBondStatus status = manager.show(bond).stats().lacp();
        return json ? new Json(status) : status;
    }
}
