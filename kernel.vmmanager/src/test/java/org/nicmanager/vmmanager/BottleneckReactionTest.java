package org.nicmanager.vmmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.nicmanager.testsupport.AlerterTestDouble;
import org.nicmanager.testsupport.VmManagerTestDouble;

/** The reaction to a bottleneck, with a VM manager test double that keeps suspensions by cause. */
class BottleneckReactionTest {

    private static final long GBPS = 1_000_000_000L;

    private final AlerterTestDouble alerter = new AlerterTestDouble();
    private final VmManagerTestDouble vms = new VmManagerTestDouble();
    private final BottleneckReaction reaction = new BottleneckReaction(vms, alerter);

    @BeforeEach
    void vms() {
        vms.running("high", 8, "bond0");
        vms.running("mid", 5, "bond0");
        vms.running("low", 1, "bond0");
        vms.running("lowElsewhere", 1, "bond9");
    }

    private static BondWatch.Change failure(long demandBps) {
        return new BondWatch.Change("bond0", true, List.of("nic1"), GBPS, demandBps);
    }

    private static BondWatch.Change whole() {
        return new BondWatch.Change("bond0", false, List.of(), 2 * GBPS, 0);
    }

    @Test
    void aFailureThatLeavesTooLittleSuspendsTheLowestPriorityOnTheBondOnceAndFailbackResumesThem() {
        reaction.setPolicy(BottleneckPolicy.SUSPEND_BY_PRIORITY);
        reaction.changed(failure(1_400_000_000L));
        reaction.shortage("bond0", "OVER_SHARE: mid"); // the same failure, seen by the resource manager
        assertEquals(VmState.SUSPENDED, vms.state("low"));
        assertEquals(VmState.RUNNING, vms.state("mid"), "one tier per failure");
        assertEquals(VmState.RUNNING, vms.state("lowElsewhere"), "another bond's VMs are not concerned");
        assertEquals(1, alerter.alerts.size());
        assertTrue(alerter.alerts.get(0).details().contains("it carried 1.4Gbps and the rest can carry 1Gbps; suspended"
                + " [low] (priority 1)"), alerter.alerts.get(0).details());
        assertEquals(Map.of("bond0", List.of("low")), reaction.suspended());
        reaction.changed(whole());
        assertEquals(VmState.RUNNING, vms.state("low"));
        assertTrue(alerter.alerts.get(1).details().contains("resumed [low]"), alerter.alerts.get(1).details());
        assertEquals(Map.of(), reaction.suspended());
    }

    @Test
    void aFailureThatLeavesEnoughIsNoBottleneckUnlessTheResourceManagerSaysSo() {
        reaction.setPolicy(BottleneckPolicy.SUSPEND_BY_PRIORITY);
        reaction.changed(failure(600_000_000L));
        assertEquals(VmState.RUNNING, vms.state("low"));
        assertTrue(alerter.alerts.isEmpty());
        reaction.shortage("bond0", "GUARANTEE_BROKEN: high");
        assertEquals(VmState.SUSPENDED, vms.state("low"));
    }

    @Test
    void alertOnlyAndNeverSuspendNothing() {
        reaction.setPolicy(BottleneckPolicy.ALERT_ONLY);
        reaction.changed(failure(1_400_000_000L));
        assertEquals(VmState.RUNNING, vms.state("low"));
        assertTrue(alerter.alerts.get(0).details().contains("policy alert-only: would suspend [low]"),
                alerter.alerts.get(0).details());
        reaction.changed(whole());
        reaction.setPolicy(BottleneckPolicy.NEVER);
        reaction.changed(failure(1_400_000_000L));
        assertEquals(1, alerter.alerts.size(), "never: not even an alert");
    }

    @Test
    void aShortageWithoutAFailedMemberIsNotABottleneck() {
        reaction.setPolicy(BottleneckPolicy.SUSPEND_BY_PRIORITY);
        reaction.shortage("bond0", "GUARANTEE_BROKEN: high (after net:alloc)");
        assertEquals(VmState.RUNNING, vms.state("low"));
        assertTrue(alerter.alerts.isEmpty());
    }

    /** The alert names the VMs the resource manager reports starved by precedence, in its text and its event. */
    @Test
    void theAlertNamesTheVmsPrecedenceStarves() {
        reaction.setPolicy(BottleneckPolicy.ALERT_ONLY);
        reaction.starving("bond0", "mid", "STARVED: VM mid (priority 5) on bond0 has yielded ...");
        assertTrue(alerter.alerts.isEmpty(), "no failed member: the operator's priorities, not a bottleneck");

        reaction.changed(failure(1_400_000_000L));
        assertEquals(1, alerter.alerts.size());
        assertEquals(List.of(), alerter.properties.get(0).get(VmTopics.STARVED_VMS), "none reported yet");
        reaction.starving("bond0", "low", "STARVED: VM low (priority 1) on bond0 has yielded to higher priorities");
        assertEquals(2, alerter.alerts.size(), "a VM starved after the failure was alerted: a second alert names it");
        String details = alerter.alerts.get(1).details();
        assertTrue(details.contains("precedence is starving [low]: STARVED: VM low (priority 1)"), details);
        assertEquals("bond0", alerter.alerts.get(1).subject());
        assertEquals(List.of("low"), alerter.properties.get(1).get(VmTopics.STARVED_VMS));
        reaction.starving("bond0", "low", "STARVED: VM low, again");
        assertEquals(2, alerter.alerts.size(), "once per VM and failure");
        reaction.starving("bond0", "mid", "STARVED: VM mid");
        assertEquals(List.of("low", "mid"), alerter.properties.get(2).get(VmTopics.STARVED_VMS));

        reaction.changed(whole());
        reaction.starving("bond0", "low", "STARVED: VM low, whole bond");
        assertEquals(3, alerter.alerts.size(), "whole again: no bottleneck");
    }

    /** A starved VM reported before the failure was measured is itself the shortage: the one reaction names it. */
    @Test
    void aStarvedVmOnADegradedBondIsABottleneckWhoseAlertNamesIt() {
        reaction.setPolicy(BottleneckPolicy.SUSPEND_BY_PRIORITY);
        reaction.changed(failure(600_000_000L)); // the survivors seem enough
        assertTrue(alerter.alerts.isEmpty());
        reaction.starving("bond0", "low", "STARVED: VM low (priority 1)");
        assertEquals(VmState.SUSPENDED, vms.state("low"));
        assertEquals(1, alerter.alerts.size());
        assertTrue(alerter.alerts.get(0).details().contains("the resource manager reports STARVED: VM low (priority 1);"
                + " precedence is starving [low]; suspended [low]"), alerter.alerts.get(0).details());
        assertEquals(List.of("low"), alerter.properties.get(0).get(VmTopics.STARVED_VMS));
    }
}
