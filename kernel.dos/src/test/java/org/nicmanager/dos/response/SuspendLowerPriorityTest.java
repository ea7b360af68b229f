package org.nicmanager.dos.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.dos.engine.Responder.Outcome;
import org.nicmanager.dos.engine.Victim;
import org.nicmanager.kernel.api.dos.DosTopics;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmManager;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

/**
 * Issue 18 point 9: the suspend response ([0126]) reaches only VMs on the victim's attacked uplinks, below both the
 * victim's priority and the configured bound, and its event names them.
 */
class SuspendLowerPriorityTest {

    private final Map<String, VmInfo> vms = new LinkedHashMap<>();
    private final List<String> suspended = new ArrayList<>();
    private final List<String> resumed = new ArrayList<>();

    /** The VM manager, as far as the response uses it. */
    private final VmManager manager = (VmManager) Proxy.newProxyInstance(VmManager.class.getClassLoader(),
            new Class<?>[] {VmManager.class}, (proxy, method, args) -> switch (method.getName()) {
                case "vms" -> List.copyOf(vms.values());
                case "vm" -> Optional.ofNullable(vms.get((String) args[0]));
                case "suspendFor" -> {
                    suspended.add(args[0] + " for " + args[1]);
                    yield vms.get((String) args[0]);
                }
                case "resumeFor" -> {
                    resumed.add((String) args[0]);
                    yield vms.get((String) args[0]);
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private void vm(String name, int priority, VmState state, String... uplinks) {
        List<VnicInfo> vnics = new ArrayList<>();
        for (String uplink : uplinks) {
            vnics.add(new VnicInfo(name + "-" + vnics.size(), "02:00:00:00:00:0" + vnics.size(), "e1000", uplink));
        }
        vms.put(name, new VmInfo(name, state, priority, vnics));
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

        assertEquals(List.of("batch for DoS attack on VM web", "spanning for DoS attack on VM web"), suspended);
        assertEquals("suspended batch, spanning (priority below 4, sharing set1 with VM web)", outcome.details());
        assertEquals(Map.of(DosTopics.SUSPENDED_VMS, List.of("batch", "spanning"), DosTopics.UPLINKS,
                List.of("set1"), DosTopics.BELOW_PRIORITY, 4), outcome.properties());
        assertEquals("resumed batch, spanning unless something else holds them suspended", outcome.undo().get());
        assertEquals(List.of("batch", "spanning"), resumed);
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
        assertEquals(List.of(), suspended);
        assertNull(outcome.undo());
        assertEquals("no running VM to suspend (priority below 0, sharing set1 with VM web)", outcome.details());
        assertEquals(List.of(), outcome.properties().get(DosTopics.SUSPENDED_VMS));
    }
}
