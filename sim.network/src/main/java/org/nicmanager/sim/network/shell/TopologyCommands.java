package org.nicmanager.sim.network.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.sim.network.Hardware;
import org.nicmanager.sim.network.model.PhysicalWorld;
import org.nicmanager.sim.network.model.TopologyView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code hw:topology}: the switches, and who is cabled to which port in what state. */
@Component(service = TopologyCommands.class, property = {"osgi.command.scope=hw",
        "osgi.command.function=topology"})
public final class TopologyCommands {

    private final Hardware hardware;

    @Activate
    public TopologyCommands(@Reference Hardware hardware) {
        this.hardware = hardware;
    }

    @Descriptor("Show the simulated world: switches, and every card and host with its switch port and state")
    public Object topology(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("nothing else is taken") String... extra) {
        Words.expectCount(extra, 0, "hw:topology [--json]");
        TopologyView topology = hardware.call(PhysicalWorld::topology);
        return json ? new Json(topology) : topology;
    }
}
