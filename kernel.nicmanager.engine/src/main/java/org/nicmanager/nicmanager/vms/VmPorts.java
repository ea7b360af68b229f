package org.nicmanager.nicmanager.vms;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.nicmanager.kernel.api.distribution.PortOwners;
import org.nicmanager.kernel.api.vm.Priority;

/**
 * Which VM owns each virtual NIC port, and its priority: what only the kernel-integrated NIC manager knows ([0076]),
 * and what the VM-aware policies read. VMs are numbered densely in the order their first port connects. World thread.
 */
final class VmPorts implements PortOwners {

    private final Map<String, Integer> vmIndex = new HashMap<>();
    private final Map<Integer, String> vmNameOfPort = new HashMap<>();
    private int[] vmOfPort = new int[0];
    private int[] priorityOfPort = new int[0];

    void connect(int port, String vm, int priority) {
        if (port >= vmOfPort.length) {
            int size = Math.max(port + 1, vmOfPort.length * 2);
            int old = vmOfPort.length;
            vmOfPort = Arrays.copyOf(vmOfPort, size);
            priorityOfPort = Arrays.copyOf(priorityOfPort, size);
            Arrays.fill(vmOfPort, old, size, -1);
            Arrays.fill(priorityOfPort, old, size, Priority.DEFAULT);
        }
        vmOfPort[port] = vmIndex.computeIfAbsent(vm, name -> vmIndex.size());
        priorityOfPort[port] = priority;
        vmNameOfPort.put(port, vm);
    }

    /** The VM owning a connected port (control path). */
    String vmNameOfPort(int port) {
        return vmNameOfPort.get(port);
    }

    void disconnect(int port) {
        vmNameOfPort.remove(port);
        if (port < vmOfPort.length) {
            vmOfPort[port] = -1;
            priorityOfPort[port] = Priority.DEFAULT;
        }
    }

    @Override
    public int portBound() {
        return vmOfPort.length;
    }

    @Override
    public int vmOfPort(int port) {
        return port >= 0 && port < vmOfPort.length ? vmOfPort[port] : -1;
    }

    @Override
    public int priorityOfPort(int port) {
        return port >= 0 && port < priorityOfPort.length ? priorityOfPort[port] : Priority.DEFAULT;
    }
}
