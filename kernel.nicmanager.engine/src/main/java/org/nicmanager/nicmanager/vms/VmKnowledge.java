package org.nicmanager.nicmanager.vms;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.distribution.PortOwners;

/**
 * What a NIC manager variant knows of VMs (patent [0076]-[0082]), handed to the engine by the variant's component: the
 * kernel-integrated variant knows which VM owns each virtual NIC port, its priority and whether it runs
 * ({@link #of}); the loadable one, an intermediate driver that sees frames, NICs and time only, knows none of it
 * ({@link #NONE}). Policies that need {@link PolicyNeed#VM_INFORMATION} are refused where {@link #gives} says no.
 *
 * <p>Ports change and {@link #ports()} is read on the network world's thread; {@link #priority} and {@link #running}
 * may be asked on any thread.
 */
public interface VmKnowledge {

    /** The loadable variant's: no VM owns any port, every VM has the default priority, none is known to run. */
    VmKnowledge NONE = new NoVmKnowledge();

    /** The kernel-integrated variant's: a fresh table of port owners, with what the VM registry says of each VM. */
    static VmKnowledge of(VmFacts registry) {
        return new PortVmKnowledge(registry);
    }

    /** True when this variant can give a policy everything it needs. */
    boolean gives(Set<PolicyNeed> needs);

    /** How refusals name this variant, e.g. "the loadable NIC manager". */
    String variant();

    /**
     * The VM owning each port, as VM-aware policies read it on the frame path; a table in which no VM owns any port
     * where VMs are unknown.
     */
    PortOwners ports();

    /** The VM's network priority, {@code Priority.DEFAULT} where VMs are unknown. */
    int priority(String vm);

    /** True when the VM runs; false where VMs are unknown, so no VM holds a bond's NICs. */
    boolean running(String vm);

    /**
     * A VM's virtual NIC connected at the port. Returns true when the port owners changed, so that the bond's policy
     * recomputes its tables; false where VMs are unknown.
     */
    boolean connected(int port, String vm, int priority);

    /** The virtual NIC at the port left; true when the port owners changed, as for {@link #connected}. */
    boolean disconnected(int port);

    /** The names of the VMs owning these ports, each once; none where VMs are unknown. */
    List<String> vmsOf(Collection<Integer> ports);
}
