package org.nicmanager.resource.scheduler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The VMs of one uplink in dense slots, and which slot each virtual NIC port feeds: the frame path finds a frame's VM
 * with one array index. A VM keeps its slot (and its counters) after its last port leaves; coming back, it gets the same
 * slot. Grown on the control path only.
 */
final class VmTable {

    private VmSlot[] slots = new VmSlot[16];
    private int count;
    private int[] slotOfPort = new int[0];
    private final Map<String, Integer> slotOfVm = new HashMap<>();

    /** The slot a port feeds, or -1. Frame path. */
    int slotOfPort(int port) {
        return port >= 0 && port < slotOfPort.length ? slotOfPort[port] : -1;
    }

    VmSlot slot(int index) {
        return slots[index];
    }

    int count() {
        return count;
    }

    /** The VM's slot, or {@code null} if it never connected here. */
    VmSlot find(String vm) {
        Integer index = slotOfVm.get(vm);
        return index == null ? null : slots[index];
    }

    /** Connects a port to a VM's slot, making the slot if the VM is new; the port must be free. */
    VmSlot connect(int port, String vm) {
        if (port < 0) {
            throw new IllegalArgumentException("port " + port + " is not a virtual NIC port");
        }
        if (slotOfPort(port) >= 0) {
            throw new IllegalArgumentException("port " + port + " is already connected, to VM '"
                    + slots[slotOfPort[port]].vm + "'");
        }
        Integer index = slotOfVm.get(vm);
        if (index == null) {
            index = count;
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
            }
            slots[count++] = new VmSlot(index, vm);
            slotOfVm.put(vm, index);
        }
        if (port >= slotOfPort.length) {
            int old = slotOfPort.length;
            slotOfPort = Arrays.copyOf(slotOfPort, Math.max(port + 1, old * 2));
            Arrays.fill(slotOfPort, old, slotOfPort.length, -1);
        }
        slotOfPort[port] = index;
        VmSlot slot = slots[index];
        slot.ports++;
        return slot;
    }

    /** Disconnects a port; returns its VM's slot, or {@code null} for a port not connected. */
    VmSlot disconnect(int port) {
        int index = slotOfPort(port);
        if (index < 0) {
            return null;
        }
        slotOfPort[port] = -1;
        VmSlot slot = slots[index];
        slot.ports--;
        return slot;
    }

    /** Disconnects every port (the uplink closed); slots and their counters stay. */
    void disconnectAll() {
        Arrays.fill(slotOfPort, -1);
        for (int index = 0; index < count; index++) {
            slots[index].ports = 0;
        }
    }
}
