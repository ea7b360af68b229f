package org.nicmanager.operator.metrics;

import static org.nicmanager.operator.metrics.JsonFields.bool;
import static org.nicmanager.operator.metrics.JsonFields.object;
import static org.nicmanager.operator.metrics.JsonFields.objects;
import static org.nicmanager.operator.metrics.JsonFields.text;

import java.util.Map;

import org.nicmanager.kernel.api.teaming.MemberRole;
import org.nicmanager.operator.shell.HostShell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Per bond, from {@code bond:list --json}: offered, sent and dropped frames (by reason), the backlog, failovers and
 * failbacks, each member's role (a state set: 1 for its role, 0 for the others) and load, and for a bond with an ARP monitor each member's reachability, probes and
 * answers.
 */
@Component(service = MultiCollector.class)
public final class BondMetrics implements MultiCollector {

    private final HostShell shell;

    @Activate
    public BondMetrics(@Reference HostShell shell) {
        this.shell = shell;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        JsonObject document = shell.json("bond:list --json").orElse(null);
        for (JsonObject bond : objects(document, "bonds")) {
            String name = text(bond, "name", "?");
            String[] id = {"bond", name};
            families.counterFrom("nicmgr_bond_failovers", "Times a bond member stopped carrying traffic", bond,
                    "failovers", id);
            families.counterFrom("nicmgr_bond_failbacks", "Times a recovered member carried traffic again", bond,
                    "failbacks", id);
            families.counterFrom("nicmgr_bond_offered_frames", "Frames virtual NICs offered to a bond", bond,
                    "offeredFrames", id);
            families.counterFrom("nicmgr_bond_sent_frames", "Frames a bond handed to a member NIC", bond, "sentFrames",
                    id);
            families.gaugeFrom("nicmgr_bond_queued_frames", "Frames waiting in a bond's backlog (queue depth)", bond,
                    "queuedFrames", id);
            families.gauge("nicmgr_bond_info", "A bond's policy, LACP mode and failback; always 1", 1, "bond", name,
                    "policy", text(bond, "policy", "-"), "lacp", text(bond, "lacp", "-"), "failback",
                    text(bond, "failback", "-"));
            for (Map.Entry<String, JsonElement> drop : object(bond, "dropped").entrySet()) {
                families.counter("nicmgr_bond_dropped_frames", "Frames a bond dropped, by reason",
                        drop.getValue().getAsDouble(), "bond", name, "reason", drop.getKey());
            }
            for (JsonObject member : objects(bond, "members")) {
                String[] memberId = {"bond", name, "nic", text(member, "name", "?")};
                families.gauge("nicmgr_bond_member_active", "1 while a member carries the bond's traffic (role ACTIVE),"
                        + " else 0", bool(member, "active") ? 1 : 0, memberId);
                String role = text(member, "role", "");
                for (MemberRole each : MemberRole.values()) {
                    families.gauge("nicmgr_bond_member_role", "1 for a member's current role in its bond by the"
                            + " bond's policy (ACTIVE, STANDBY, UNUSED, NOT_SELECTED), 0 for the others",
                            each.name().equals(role) ? 1 : 0, "bond", name, "nic", text(member, "name", "?"), "role",
                            each.name());
                }
                families.counterFrom("nicmgr_bond_member_transmitted_frames", "Frames a bond sent through a member",
                        member, "txFrames", memberId);
                families.counterFrom("nicmgr_bond_member_transmitted_bytes", "Frame bytes a bond sent through a member",
                        member, "txBytes", memberId);
            }
            for (JsonObject member : objects(object(bond, "arpMonitor"), "members")) { // none while it is off
                String[] memberId = {"bond", name, "nic", text(member, "nic", "?")};
                families.gauge("nicmgr_bond_member_reachable", "1 while the ARP monitor counts a member alive"
                        + " (by what it receives, as its arp_validate says), 0 while it is UNREACHABLE", "UNREACHABLE".equals(text(member, "state", "")) ? 0 : 1,
                        memberId);
                families.counterFrom("nicmgr_bond_member_arp_probes", "ARP monitor probes sent through a member",
                        member, "probes", memberId);
                families.counterFrom("nicmgr_bond_member_arp_answers", "Answers to the ARP monitor heard through a"
                        + " member", member, "answers", memberId);
            }
        }
        return families.build();
    }
}
