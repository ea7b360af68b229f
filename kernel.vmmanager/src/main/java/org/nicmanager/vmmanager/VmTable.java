package org.nicmanager.vmmanager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

/**
 * The VMs and their lifecycle state machine, owned by the network world's thread. Every refusal names the value and
 * what is allowed, and leaves the table as it was.
 */
final class VmTable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    private final Map<String, VmInfo> vms = new TreeMap<>();

    VmInfo create(String name, int priority) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad VM name '" + name + "': use 1-32 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        if (vms.containsKey(name)) {
            throw new IllegalArgumentException("a VM named '" + name + "' already exists");
        }
        new Priority(priority); // refuses a priority outside 0..10, naming it
        VmInfo vm = new VmInfo(name, VmState.CREATED, priority, List.of());
        vms.put(name, vm);
        return vm;
    }

    VmInfo start(String name) {
        return move(name, VmState.RUNNING, "start", VmState.CREATED, VmState.STOPPED);
    }

    VmInfo stop(String name) {
        return move(name, VmState.STOPPED, "stop", VmState.RUNNING, VmState.SUSPENDED);
    }

    VmInfo suspend(String name) {
        return move(name, VmState.SUSPENDED, "suspend", VmState.RUNNING);
    }

    VmInfo resume(String name) {
        return move(name, VmState.RUNNING, "resume", VmState.SUSPENDED);
    }

    /** Puts back a stored VM, powered off (a VM manager that starts again finds its VMs as a rebooted host does). */
    VmInfo restore(String name, int priority, List<VnicInfo> vnics) {
        VmInfo vm = create(name, priority);
        VmInfo restored = new VmInfo(vm.name(), VmState.STOPPED, priority, vnics);
        vms.put(name, restored);
        return restored;
    }

    VmInfo updateVnic(String vmName, VnicInfo vnic) {
        VmInfo vm = require(vmName);
        List<VnicInfo> vnics = new ArrayList<>(vm.vnics());
        int at = -1;
        for (int i = 0; i < vnics.size(); i++) {
            if (vnics.get(i).name().equals(vnic.name())) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("VM " + vmName + " has no virtual NIC named " + vnic.name() + "; it has "
                    + vm.vnics().stream().map(VnicInfo::name).toList());
        }
        vnics.set(at, vnic);
        VmInfo updated = new VmInfo(vm.name(), vm.state(), vm.priority(), vnics);
        vms.put(vmName, updated);
        return updated;
    }

    VmInfo delete(String name) {
        VmInfo vm = require(name);
        if (vm.state() == VmState.RUNNING || vm.state() == VmState.SUSPENDED) {
            throw new IllegalArgumentException("VM " + name + " is " + vm.state() + "; stop it before deleting it");
        }
        vms.remove(name);
        return vm;
    }

    VmInfo attachVnic(String vmName, VnicInfo vnic) {
        VmInfo vm = require(vmName);
        if (vm.vnics().stream().anyMatch(present -> present.name().equals(vnic.name()))) {
            throw new IllegalArgumentException("VM " + vmName + " already has a virtual NIC named " + vnic.name());
        }
        List<VnicInfo> vnics = new ArrayList<>(vm.vnics());
        vnics.add(vnic);
        VmInfo updated = new VmInfo(vm.name(), vm.state(), vm.priority(), vnics);
        vms.put(vmName, updated);
        return updated;
    }

    List<VmInfo> all() {
        return List.copyOf(vms.values());
    }

    Optional<VmInfo> find(String name) {
        return Optional.ofNullable(vms.get(name));
    }

    private VmInfo move(String name, VmState to, String step, VmState... from) {
        VmInfo vm = require(name);
        if (!List.of(from).contains(vm.state())) {
            throw new IllegalArgumentException("cannot " + step + " VM " + name + ": it is " + vm.state() + ", and "
                    + step + " needs " + String.join(" or ", List.of(from).stream().map(Enum::name).toList()));
        }
        VmInfo moved = new VmInfo(vm.name(), to, vm.priority(), vm.vnics());
        vms.put(name, moved);
        return moved;
    }

    private VmInfo require(String name) {
        VmInfo vm = vms.get(name);
        if (vm == null) {
            throw new IllegalArgumentException("no VM named '" + name + "'; VMs: "
                    + (vms.isEmpty() ? "(none)" : String.join(", ", vms.keySet())));
        }
        return vm;
    }
}
