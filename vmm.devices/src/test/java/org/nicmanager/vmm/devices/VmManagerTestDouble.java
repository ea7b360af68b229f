package org.nicmanager.vmm.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

/** Test double of the VM manager: a map of VMs, no rules beyond what the virtual devices rely on. */
final class VmManagerTestDouble implements VmManager {

    private final Map<String, VmInfo> vms = new TreeMap<>();

    /** A running VM without virtual NICs. */
    synchronized VmManagerTestDouble running(String name) {
        vms.put(name, new VmInfo(name, VmState.RUNNING, 5, List.of()));
        return this;
    }

    @Override
    public synchronized VmInfo create(String name, int priority) {
        return vms.compute(name, (key, old) -> new VmInfo(name, VmState.CREATED, priority, List.of()));
    }

    @Override
    public synchronized VmInfo start(String name) {
        return vms.compute(name, (key, vm) -> new VmInfo(name, VmState.RUNNING, vm.priority(), vm.vnics()));
    }

    @Override
    public synchronized VmInfo stop(String name) {
        return vms.compute(name, (key, vm) -> new VmInfo(name, VmState.STOPPED, vm.priority(), vm.vnics()));
    }

    @Override
    public synchronized void delete(String name) {
        vms.remove(name);
    }

    @Override
    public synchronized VmInfo attachVnic(String vmName, VnicInfo vnic) {
        return vms.compute(vmName, (key, vm) -> {
            List<VnicInfo> vnics = new ArrayList<>(vm.vnics());
            vnics.add(vnic);
            return new VmInfo(vmName, vm.state(), vm.priority(), vnics);
        });
    }

    @Override
    public synchronized VmInfo suspend(String name) {
        return vms.compute(name, (key, vm) -> new VmInfo(name, VmState.SUSPENDED, vm.priority(), vm.vnics()));
    }

    @Override
    public synchronized VmInfo resume(String name) {
        return start(name);
    }

    @Override
    public synchronized VmInfo suspendFor(String name, String cause) {
        return suspend(name);
    }

    @Override
    public synchronized VmInfo resumeFor(String name, String cause) {
        return resume(name);
    }

    @Override
    public List<String> suspensionCauses(String name) {
        return List.of();
    }

    @Override
    public synchronized VmInfo updateVnic(String vmName, VnicInfo vnic) {
        return vms.compute(vmName, (key, vm) -> new VmInfo(vmName, vm.state(), vm.priority(), vm.vnics().stream()
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
}
