package org.nicmanager.vmmanager;

import java.util.List;
import java.util.Optional;

import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VnicInfo;

/** Test double of the VM manager: the real table, no world thread, no events, no ConfigAdmin. */
class VmManagerStub implements VmManager {

    final VmTable table = new VmTable();

    @Override
    public List<VmInfo> vms() {
        return table.all();
    }

    @Override
    public Optional<VmInfo> vm(String name) {
        return table.find(name);
    }

    @Override
    public VmInfo create(String name, int priority) {
        return table.create(name, priority);
    }

    @Override
    public VmInfo start(String name) {
        return table.start(name);
    }

    @Override
    public VmInfo stop(String name) {
        return table.stop(name);
    }

    @Override
    public VmInfo suspend(String name) {
        return table.suspend(name);
    }

    @Override
    public VmInfo resume(String name) {
        return table.resume(name);
    }

    @Override
    public VmInfo suspendFor(String name, String cause) {
        return table.suspendFor(name, cause);
    }

    @Override
    public VmInfo resumeFor(String name, String cause) {
        return table.resumeFor(name, cause);
    }

    @Override
    public List<String> suspensionCauses(String name) {
        return table.suspensionCauses(name);
    }

    @Override
    public void delete(String name) {
        table.delete(name);
    }

    @Override
    public VmInfo attachVnic(String vmName, VnicInfo vnic) {
        return table.attachVnic(vmName, vnic);
    }

    @Override
    public VmInfo updateVnic(String vmName, VnicInfo vnic) {
        return table.updateVnic(vmName, vnic);
    }
}
