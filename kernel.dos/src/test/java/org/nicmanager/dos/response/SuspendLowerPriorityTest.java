package org.nicmanager.dos.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.dos.engine.Responder.Outcome;
import org.nicmanager.dos.engine.Victim;
import org.nicmanager.kernel.api.dos.DosTopics;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.testsupport.VmManagerTestDouble;

/**
 * Issue 18 point 9: the suspend response ([0126]) reaches only VMs on the victim's attacked uplinks, below both the
 * victim's priority and the configured bound, and its event names them.
 */
class SuspendLowerPriorityTest {

    private final VmManagerTestDouble manager = new VmManagerTestDouble();

    private void vm(String name, int priority, VmState state, String... uplinks) {
        List<VnicInfo> vnics = new ArrayList<>();
        for (String uplink : uplinks) {
            vnics.add(new VnicInfo(name + "-" + vnics.size(), "02:00:00:00:00:0" + vnics.size(), "e1000", uplink));
        }
        manager.add(new VmInfo(name, state, priority, vnics));
    }

    /** The suspended VMs, by name. */
    private List<String> suspended() {
        return manager.vms().stream().filter(vm -> vm.state() == VmState.SUSPENDED).map(VmInfo::name).toList();
    }

    private static Victim victim(int priority, int suspendBelow, String... uplinks) {
        return new Victim("web", priority, List.of(uplinks), DosPolicy.DEFAULT, "[RATE_ANOMALY]", suspendBelow);
    }

    @Test
    void onlyVmsOnTheAttackedUplinkBelowBothBoundsAreSuspendedAndNamed() {
        vm("web", 8, VmState.RUNNING, "set1", "set2");
        vm("batch", 1, VmState.RUNNING, "set1");
        vm("elsewhere", 1, VmState.RUNNING, "set2");
        vm("atBound", 4, VmState.RUNNING, "set1");
        vm("stopped", 0, VmState.STOPPED, "set1");
        vm("spanning", 2, VmState.RUNNING, "set3", "set1");

        Outcome outcome = new SuspendLowerPriority(manager).apply(victim(8, 4, "set1"));

        assertEquals(List.of("batch", "spanning"), suspended());
        assertEquals(List.of("DoS attack on VM web"), manager.suspensionCauses("batch"));
        assertEquals(List.of("DoS attack on VM web"), manager.suspensionCauses("spanning"));
        assertEquals("suspended batch, spanning (priority below 4, sharing set1 with VM web)", outcome.details());
        assertEquals(Map.of(DosTopics.SUSPENDED_VMS, List.of("batch", "spanning"), DosTopics.UPLINKS,
                List.of("set1"), DosTopics.BELOW_PRIORITY, 4), outcome.properties());
        assertEquals("resumed batch, spanning unless something else holds them suspended", outcome.undo().get());
        assertEquals(List.of(), suspended(), "the undo resumed them");
    }

    @Test
    void theVictimsOwnPriorityBoundsItWhenItIsTheLower() {
        vm("web", 3, VmState.RUNNING, "set1");
        vm("two", 2, VmState.RUNNING, "set1");
        vm("four", 4, VmState.RUNNING, "set1");
        Outcome outcome = new SuspendLowerPriority(manager).apply(victim(3, 5, "set1"));
        assertEquals(List.of("two"), outcome.properties().get(DosTopics.SUSPENDED_VMS));
        assertEquals(3, outcome.properties().get(DosTopics.BELOW_PRIORITY));
    }

    @Test
    void aBoundOfZeroSuspendsNoneAndSaysSo() {
        vm("web", 8, VmState.RUNNING, "set1");
        vm("batch", 0, VmState.RUNNING, "set1");
        Outcome outcome = new SuspendLowerPriority(manager).apply(victim(8, 0, "set1"));
        assertEquals(List.of(), suspended());
        assertNull(outcome.undo());
        assertEquals("no running VM to suspend (priority below 0, sharing set1 with VM web)", outcome.details());
        assertEquals(List.of(), outcome.properties().get(DosTopics.SUSPENDED_VMS));
    }
}
