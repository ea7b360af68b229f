package org.nicmanager.nicmanager.vms;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.PortOwners;

/**
 * The kernel-integrated variant's knowledge of VMs ([0076]): the owner of each virtual NIC port, kept as virtual NICs
 * connect and leave, and the VM registry's word on each VM's priority and state.
 */
final class PortVmKnowledge implements VmKnowledge {

    private static final Set<PolicyNeed> GIVEN = Set.of(PolicyNeed.VM_INFORMATION);

    private final VmFacts registry;
    private final VmPorts ports = new VmPorts();

    PortVmKnowledge(VmFacts registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public boolean gives(Set<PolicyNeed> needs) {
        return GIVEN.containsAll(needs);
    }

    @Override
    public String variant() {
        return "the kernel-integrated NIC manager";
    }

    @Override
    public PortOwners ports() {
        return ports;
    }

    @Override
    public int priority(String vm) {
        return registry.priority(vm);
    }

    @Override
    public boolean running(String vm) {
        return registry.running(vm);
    }

    @Override
    public boolean connected(int port, String vm, int priority) {
        ports.connect(port, vm, priority);
        return true;
    }

    @Override
    public boolean disconnected(int port) {
        ports.disconnect(port);
        return true;
    }

    @Override
    public List<String> vmsOf(Collection<Integer> ports) {
        return ports.stream().map(this.ports::vmNameOfPort).filter(Objects::nonNull).distinct().toList();
    }
}
