package org.nicmanager.operator.metrics;

import static org.nicmanager.operator.metrics.JsonFields.object;
import static org.nicmanager.operator.metrics.JsonFields.objects;
import static org.nicmanager.operator.metrics.JsonFields.text;

import java.util.Map;

import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.operator.shell.HostShell;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Per VM: state and priority (VM registry), and per virtual NIC the frames sent and received and the drops by reason
 * ({@code vnic:list --json}).
 */
@Component(service = MultiCollector.class)
public final class VmMetrics implements MultiCollector {

    private final VmRegistry vms;
    private final HostShell shell;

    @Activate
    public VmMetrics(@Reference VmRegistry vms, @Reference HostShell shell) {
        this.vms = vms;
        this.shell = shell;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        for (VmInfo vm : vms.vms()) {
            families.gauge("nicmgr_vm_priority", "A VM's network priority, 0 (lowest) to 10", vm.priority(), "vm",
                    vm.name());
            for (VmState state : VmState.values()) {
                families.gauge("nicmgr_vm_state", "1 for a VM's current lifecycle state, 0 for the others",
                        vm.state() == state ? 1 : 0, "vm", vm.name(), "state", state.name());
            }
        }
        JsonObject vnics = shell.json("vnic:list --json").orElse(null);
        for (JsonObject vnic : objects(vnics, "vnics")) {
            String[] id = {"vm", text(vnic, "vm", "?"), "vnic", text(vnic, "name", "?")};
            families.counterFrom("nicmgr_vnic_transmitted_frames", "Frames a VM's guest sent through a virtual NIC",
                    vnic, "txFrames", id);
            families.counterFrom("nicmgr_vnic_received_frames", "Frames delivered to a VM's virtual NIC", vnic,
                    "rxFrames", id);
            families.counterFrom("nicmgr_vnic_received_dropped_frames",
                    "Frames for a VM dropped because its receive queue was full", vnic, "rxDrops", id);
            families.gauge("nicmgr_vnic_attached", "1 while a virtual NIC is connected to its uplink, else 0",
                    JsonFields.bool(vnic, "attached") ? 1 : 0, id[0], id[1], id[2], id[3], "uplink",
                    text(vnic, "uplink", "-"));
            for (Map.Entry<String, JsonElement> drop : object(vnic, "txDropped").entrySet()) {
                families.counter("nicmgr_vnic_transmit_dropped_frames",
                        "Frames a VM's guest sent that did not leave, by reason", drop.getValue().getAsDouble(),
                        id[0], id[1], id[2], id[3], "reason", drop.getKey());
            }
            for (Map.Entry<String, JsonElement> drop : object(vnic, "rxDropped").entrySet()) {
                families.counter("nicmgr_vnic_receive_dropped_frames",
                        "Frames for a VM's guest that it never got, by reason", drop.getValue().getAsDouble(),
                        id[0], id[1], id[2], id[3], "reason", drop.getKey());
            }
        }
        return families.build();
    }
}
