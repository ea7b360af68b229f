package org.nicmanager.operator.metrics;

import static org.nicmanager.operator.metrics.JsonFields.object;
import static org.nicmanager.operator.metrics.JsonFields.objects;
import static org.nicmanager.operator.metrics.JsonFields.text;

import java.util.Optional;
import java.util.StringJoiner;

import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.operator.shell.HostShell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * LACP state per bond member, from {@code lacp:show BOND --json} (COMMANDS.md shape) while that command is installed:
 * the mux state and the actor's and partner's state flags, as labels of an always-1 gauge. Contributes nothing until
 * link aggregation exists.
 */
@Component(service = MultiCollector.class)
public final class LacpMetrics implements MultiCollector {

    private final BondDirectory bonds;
    private final HostShell shell;

    @Activate
    public LacpMetrics(@Reference BondDirectory bonds, @Reference HostShell shell) {
        this.bonds = bonds;
        this.shell = shell;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        for (BondInfo bond : bonds.bonds()) {
            Optional<JsonObject> lacp;
            try {
                lacp = shell.json("lacp:show " + HostShell.checkedName("bond", bond.name()) + " --json");
            } catch (IllegalArgumentException refused) {
                continue; // e.g. a bond without LACP
            }
            if (lacp.isEmpty()) {
                break; // lacp:show is not installed
            }
            for (JsonObject member : objects(lacp.get(), "members")) {
                families.gauge("nicmgr_lacp_member_info",
                        "A bond member's LACP mux state and actor and partner state; always 1", 1, "bond", bond.name(),
                        "nic", text(member, "name", "?"), "mux", text(member, "mux", "-"), "actor_state",
                        flags(object(member, "actor")), "partner_state", flags(object(member, "partner")));
            }
        }
        return families.build();
    }

    /**
     * A participant's state flags, comma-separated: {@code lacp:show} gives them as a JSON array (a negotiated member
     * has several), or "-" where there are none.
     */
    private static String flags(JsonObject participant) {
        JsonElement state = participant.get("state");
        if (state == null || !state.isJsonArray() || state.getAsJsonArray().isEmpty()) {
            return "-";
        }
        StringJoiner joined = new StringJoiner(",");
        state.getAsJsonArray().forEach(flag -> joined.add(flag.getAsString()));
        return joined.toString();
    }
}
