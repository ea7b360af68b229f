package org.nicmanager.vmmanager;

import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmPlacement;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The {@code vm:} commands (COMMANDS.md): create, start, suspend, resume, stop, delete, list, show. */
@Component(service = VmCommands.class, property = {"osgi.command.scope=vm", "osgi.command.function=create",
    "osgi.command.function=start", "osgi.command.function=stop", "osgi.command.function=delete",
    "osgi.command.function=suspend", "osgi.command.function=resume",
    "osgi.command.function=list", "osgi.command.function=show"})
public final class VmCommands {

    /** What {@code vm:list} prints; the JSON shape of COMMANDS.md. */
    public record VmList(List<VmRow> vms) {
    }

    /** One VM, flattened for a table; {@code vnics} counts its virtual NICs. */
    public record VmRow(String name, String state, int priority, int vnics) {
    }

    /** What {@code vm:list} prints on a clustered host: each VM's host too ("-": it runs nowhere). */
    public record ClusterVmList(List<ClusterVmRow> vms) {
    }

    /** One VM of a clustered host's list; {@code state} is this host's view, {@code host} where it runs. */
    public record ClusterVmRow(String name, String host, String state, int priority, int vnics) {
    }

    static final String NO_CLUSTER = "--on needs a clustered host (start the host with --cluster); this host is"
            + " standalone";

    private final VmManager manager;
    /** There only on a clustered host (issue 16): then a VM is started where the cluster places it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VmPlacement placement;

    @Activate
    public VmCommands(@Reference VmManager manager) {
        this.manager = manager;
    }

    @Descriptor("Create a VM (state CREATED)")
    public VmInfo create(
            @Descriptor("network priority 0 (lowest) .. 10 (highest)") @Parameter(names = "--priority",
                    absentValue = "" + Priority.DEFAULT) int priority,
            @Descriptor("the VM's name") String name) {
        return manager.create(name, priority);
    }

    @Descriptor("Start (power on) a created or stopped VM; on a clustered host, on the host given or the one the"
            + " cluster's leader chooses")
    public Object start(
            @Descriptor("the host to start it on (clustered hosts only); default: the leader chooses")
            @Parameter(names = "--on", absentValue = "") String host,
            @Descriptor("the VM's name") String name) {
        VmPlacement cluster = placement;
        if (cluster == null) {
            if (!host.isEmpty()) {
                throw new IllegalArgumentException(NO_CLUSTER + "; got --on " + host);
            }
            return manager.start(name);
        }
        String placed = cluster.start(name, host.isEmpty() ? null : host);
        return "VM " + name + " placed on host " + placed;
    }

    @Descriptor("Stop (power off) a running VM")
    public VmInfo stop(@Descriptor("the VM's name") String name) {
        return manager.stop(name);
    }

    @Descriptor("Suspend a running VM: it stops running; its queued frames and counters wait for it")
    public VmInfo suspend(@Descriptor("the VM's name") String name) {
        return manager.suspend(name);
    }

    @Descriptor("Resume a suspended VM from its kept queues and counters")
    public VmInfo resume(@Descriptor("the VM's name") String name) {
        return manager.resume(name);
    }

    @Descriptor("Delete a VM that is not running")
    public String delete(@Descriptor("the VM's name") String name) {
        manager.delete(name);
        return "deleted VM " + name;
    }

    @Descriptor("List the VMs with their state, priority and virtual NICs")
    public Object list(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<VmInfo> vms = manager.vms();
        VmPlacement cluster = placement;
        if (cluster != null) {
            Map<String, String> hosts = cluster.vmHosts();
            return json ? new Json(new ClusterJsonList(vms.stream().map(vm -> new ClusterJsonVm(vm.name(),
                    hosts.get(vm.name()), vm.state().name(), vm.priority(), vm.vnics())).toList()))
                    : new ClusterVmList(vms.stream().map(vm -> new ClusterVmRow(vm.name(),
                            hosts.getOrDefault(vm.name(), "-"), vm.state().name(), vm.priority(), vm.vnics().size()))
                            .toList());
        }
        return json ? new Json(new JsonList(vms))
                : new VmList(vms.stream().map(vm -> new VmRow(vm.name(), vm.state().name(), vm.priority(),
                        vm.vnics().size())).toList());
    }

    @Descriptor("Show one VM with its virtual NICs, and what suspended it")
    public Object show(
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the VM's name") String name) {
        VmInfo vm = manager.vm(name).orElseThrow(() -> new IllegalArgumentException("no VM named '" + name + "'"));
        VmDetails details = new VmDetails(vm.name(), vm.state().name(), vm.priority(),
                manager.suspensionCauses(name), vm.vnics());
        return json ? new Json(details) : details;
    }

    /**
     * What {@code vm:show} prints: the VM, and why it is suspended when automatic reactions suspended it (empty when it
     * is not suspended, or the operator suspended it).
     */
    public record VmDetails(String name, String state, int priority, List<String> suspendedBy,
            List<VnicInfo> vnics) {
    }

    /** The {@code vm:list --json} document: {@code {"vms":[{"name","state","priority","vnics":[...]}]}}. */
    record JsonList(List<VmInfo> vms) {
    }

    /** {@code vm:list --json} on a clustered host: the same fields, and {@code host} (absent: it runs nowhere). */
    record ClusterJsonList(List<ClusterJsonVm> vms) {
    }

    record ClusterJsonVm(String name, String host, String state, int priority, List<VnicInfo> vnics) {
    }
}
