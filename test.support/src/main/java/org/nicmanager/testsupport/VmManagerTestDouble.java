package org.nicmanager.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

/**
 * Test double of the VM manager: a table of VMs by name, with no world thread, no events and no ConfigAdmin. It keeps
 * the rules tests rely on: suspensions by cause (a VM suspended for causes resumes when the last one is withdrawn; the
 * operator's suspend and resume override them), and a clear error for a VM it does not know. It does not check the
 * lifecycle's allowed moves, which the real VM manager's own tests cover. Thread-safe.
 */
public final class VmManagerTestDouble implements VmManager {

    private final Map<String, VmInfo> vms = new TreeMap<>();
    private final Map<String, Set<String>> suspensionCauses = new TreeMap<>();

    /** A running VM of priority 5 without virtual NICs. */
    public VmManagerTestDouble running(String name) {
        return running(name, 5);
    }

    /** A running VM without virtual NICs. */
    public synchronized VmManagerTestDouble running(String name, int priority) {
        vms.put(name, new VmInfo(name, VmState.RUNNING, priority, List.of()));
        return this;
    }

    /** A running VM with one e1000 vNIC, {@code name + "-0"}, on {@code uplink}. */
    public synchronized VmManagerTestDouble running(String name, int priority, String uplink) {
        vms.put(name, new VmInfo(name, VmState.RUNNING, priority,
                List.of(new VnicInfo(name + "-0", "02:00:00:00:00:01", "e1000", uplink))));
        return this;
    }

    /** This VM as it is given: in any state, with any vNICs. */
    public synchronized VmManagerTestDouble add(VmInfo vm) {
        put(vm);
        return this;
    }

    /** The VM's state now. */
    public synchronized VmState state(String name) {
        return require(name).state();
    }

    @Override
    public synchronized VmInfo create(String name, int priority) {
        return put(new VmInfo(name, VmState.CREATED, priority, List.of()));
    }

    @Override
    public synchronized VmInfo start(String name) {
        return move(name, VmState.RUNNING);
    }

    /** Stops the VM; what suspended it is forgotten. */
    @Override
    public synchronized VmInfo stop(String name) {
        suspensionCauses.remove(name);
        return move(name, VmState.STOPPED);
    }

    @Override
    public synchronized VmInfo suspend(String name) {
        return move(name, VmState.SUSPENDED);
    }

    /** The operator's resume: whatever suspended the VM, it runs again. */
    @Override
    public synchronized VmInfo resume(String name) {
        suspensionCauses.remove(name);
        return move(name, VmState.RUNNING);
    }

    @Override
    public synchronized VmInfo suspendFor(String name, String cause) {
        VmInfo vm = require(name);
        if (vm.state() == VmState.SUSPENDED) {
            Set<String> causes = suspensionCauses.get(name);
            if (causes != null) { // suspended by the operator: the operator's word wins
                causes.add(cause);
            }
            return vm;
        }
        suspensionCauses.computeIfAbsent(name, key -> new LinkedHashSet<>()).add(cause);
        return move(name, VmState.SUSPENDED);
    }

    @Override
    public synchronized VmInfo resumeFor(String name, String cause) {
        VmInfo vm = require(name);
        Set<String> causes = suspensionCauses.get(name);
        if (causes == null || !causes.remove(cause) || !causes.isEmpty()) {
            return vm;
        }
        suspensionCauses.remove(name);
        return move(name, VmState.RUNNING);
    }

    @Override
    public synchronized List<String> suspensionCauses(String name) {
        require(name);
        Set<String> causes = suspensionCauses.get(name);
        return causes == null ? List.of() : List.copyOf(causes);
    }

    @Override
    public synchronized void delete(String name) {
        require(name);
        vms.remove(name);
        suspensionCauses.remove(name);
    }

    @Override
    public synchronized VmInfo attachVnic(String vmName, VnicInfo vnic) {
        VmInfo vm = require(vmName);
        List<VnicInfo> vnics = new ArrayList<>(vm.vnics());
        vnics.add(vnic);
        return put(new VmInfo(vmName, vm.state(), vm.priority(), vnics));
    }

    @Override
    public synchronized VmInfo updateVnic(String vmName, VnicInfo vnic) {
        VmInfo vm = require(vmName);
        return put(new VmInfo(vmName, vm.state(), vm.priority(), vm.vnics().stream()
                .map(present -> present.name().equals(vnic.name()) ? vnic : present).toList()));
    }

    @Override
    public synchronized List<VmInfo> vms() {
        return List.copyOf(vms.values());
    }

    @Override
    public synchronized Optional<VmInfo> vm(String name) {
        return Optional.ofNullable(vms.get(name));
    }

    private VmInfo require(String name) {
        VmInfo vm = vms.get(name);
        if (vm == null) {
            throw new IllegalArgumentException("no VM named '" + name + "'; known: " + vms.keySet());
        }
        return vm;
    }

    private VmInfo move(String name, VmState state) {
        VmInfo vm = require(name);
        return put(new VmInfo(name, state, vm.priority(), vm.vnics()));
    }

    private VmInfo put(VmInfo vm) {
        vms.put(vm.name(), vm);
        return vm;
    }
}
