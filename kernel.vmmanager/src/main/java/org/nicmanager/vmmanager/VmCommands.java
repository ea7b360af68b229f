package org.nicmanager.vmmanager;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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

    private final VmManager manager;

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

    @Descriptor("Start (power on) a created or stopped VM")
    public VmInfo start(@Descriptor("the VM's name") String name) {
        return manager.start(name);
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
}
