package org.nicmanager.nicmanager.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.distribution.PolicyNeed;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.nicmanager.distribution.Policies;

class VmKnowledgeTest {

    private static final Set<PolicyNeed> VM = Set.of(PolicyNeed.VM_INFORMATION);

    /** A registry in which vm-a runs with priority 9, and nothing else is known. */
    private static final VmFacts REGISTRY = new VmFacts() {
        @Override
        public int priority(String vm) {
            return vm.equals("vm-a") ? 9 : Priority.DEFAULT;
        }

        @Override
        public boolean running(String vm) {
            return vm.equals("vm-a");
        }
    };

    @Test
    void theLoadableVariantKnowsNoVmAndGivesPoliciesNothingBeyondTheFrames() {
        VmKnowledge none = VmKnowledge.NONE;

        assertTrue(none.gives(Set.of()));
        assertFalse(none.gives(VM));
        assertFalse(none.connected(3, "vm-a", 9), "no port owner changes: the bond's policy need not rebuild");
        assertEquals(-1, none.ports().vmOfPort(3));
        assertEquals(Priority.DEFAULT, none.ports().priorityOfPort(3));
        assertEquals(0, none.ports().portBound());
        assertEquals(List.of(), none.vmsOf(List.of(3)));
        assertFalse(none.running("vm-a"), "no VM holds a bond's NICs");
        assertEquals(Priority.DEFAULT, none.priority("vm-a"));
        assertEquals("the loadable NIC manager", none.variant());
        assertEquals(Policies.FAILOVER_ORDER, Policies.defaultPolicy(none));
    }

    @Test
    void theKernelIntegratedVariantKnowsEachPortsVmAndAsksTheRegistryTheRest() {
        VmKnowledge known = VmKnowledge.of(REGISTRY);

        assertTrue(known.gives(VM));
        assertTrue(known.connected(4, "vm-b", 2));
        assertTrue(known.connected(7, "vm-a", 9));
        assertTrue(known.connected(8, "vm-b", 2));
        assertEquals(0, known.ports().vmOfPort(4), "VMs are numbered densely as their first port connects");
        assertEquals(1, known.ports().vmOfPort(7));
        assertEquals(0, known.ports().vmOfPort(8));
        assertEquals(9, known.ports().priorityOfPort(7));
        assertEquals(List.of("vm-b", "vm-a"), known.vmsOf(List.of(4, 7, 8)));

        assertTrue(known.disconnected(7));
        assertEquals(-1, known.ports().vmOfPort(7));
        assertEquals(List.of("vm-b"), known.vmsOf(List.of(4, 7, 8)));

        assertTrue(known.running("vm-a"));
        assertFalse(known.running("vm-b"));
        assertEquals(9, known.priority("vm-a"));
        assertEquals("the kernel-integrated NIC manager", known.variant());
        assertEquals(Policies.PER_VM, Policies.defaultPolicy(known));
    }

    @Test
    void eachKernelIntegratedManagerKeepsPortsOfItsOwn() {
        VmKnowledge first = VmKnowledge.of(REGISTRY);
        VmKnowledge second = VmKnowledge.of(REGISTRY);

        first.connected(1, "vm-a", 9);

        assertEquals(-1, second.ports().vmOfPort(1));
    }
}
