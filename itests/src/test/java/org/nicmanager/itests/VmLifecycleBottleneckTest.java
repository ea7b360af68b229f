package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * A NIC failure leaves a bond short of bandwidth (patent steps 820 and 824, [0124]): by policy, the low-priority VM is
 * suspended, the high-priority VM gets the survivor's capacity, and after failback the low-priority VM is resumed with
 * its queues intact. Driven from the shell in virtual time.
 */
public class VmLifecycleBottleneckTest extends NicManagerTestSupport {

    private static final long LOW_FRAMES = 150_000;

    /** Two VMs at 900 Mb/s each on a bond of two e1000, the low one's workload counted; low is suspended on failure. */
    private void failAMemberUnderLoad(String id) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add a" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add b" + id + " --model e1000 --switch sw" + id);
        shell("hw:host add high" + id + " --switch sw" + id + " --mac " + hostMac(id, 1));
        shell("hw:host add low" + id + " --switch sw" + id + " --mac " + hostMac(id, 2));
        shell("bond:create bond" + id + " --policy round-robin --failback immediate");
        shell("bond:add bond" + id + " a" + id + " b" + id);
        shell("vm:create high" + id + " --priority 8");
        shell("vm:create low" + id + " --priority 1");
        shell("vm:start high" + id);
        shell("vm:start low" + id);
        shell("vnic:add high" + id + " --uplink bond" + id);
        shell("vnic:add low" + id + " --uplink bond" + id + " --mac " + lowMac(id));
        shell("vm:bottleneck suspend-by-priority");
        // 1.8 Gb/s on two members; one member alone carries 1 Gb/s.
        shell("guest:traffic high" + id + " --to " + hostMac(id, 1) + " --rate 900Mbps --frame 1500 --for 3s");
        shell("guest:traffic low" + id + " --to " + hostMac(id, 2) + " --rate 900Mbps --frame 1500 --count "
                + LOW_FRAMES);
        shell("kernel:advance 300ms");
        shell("hw:unplug b" + id);
        shell("kernel:advance 20ms");
    }

    @Test
    public void theLowPriorityVmIsSuspendedUntilFailbackAndTheHighPriorityVmGetsTheSurvivor() throws Exception {
        failAMemberUnderLoad("31");
        assertEquals("SUSPENDED", state("low31"));
        assertTrue(shell("vm:show low31"), shell("vm:show low31").contains("bottleneck on bond bond31"));
        assertEquals("RUNNING", state("high31"));

        // While low is suspended, high gets what it asks of the survivor, and low sends nothing.
        long highBefore = rxBytes("high31");
        long lowSent = number(lowVnic("31"), "txFrames");
        shell("kernel:advance 500ms");
        long highBps = (rxBytes("high31") - highBefore) * 8 * 2;
        assertTrue("high carried " + highBps + " bps on the survivor", highBps >= 900_000_000L * 95 / 100);
        assertEquals("low sent nothing while suspended", lowSent, number(lowVnic("31"), "txFrames"));
        // What reaches the suspended low waits in its queue, counted.
        long lowReceived = number(shell("guest:stats low31 --json"), "rxFrames");
        shell("hw:traffic low31 --to " + lowMac("31") + " --rate 1Mbps --frame 500 --for 40ms"); // 10 frames
        shell("kernel:advance 100ms");
        assertEquals(lowReceived, number(shell("guest:stats low31 --json"), "rxFrames"));
        assertEquals(10, number(lowVnic("31"), "rxQueued"));

        shell("hw:plug b31"); // immediate failback
        shell("kernel:advance 20ms");
        assertEquals("RUNNING", state("low31"));
        // (Others may come with them: the failback's switch notification is broadcast.)
        long afterResume = number(shell("guest:stats low31 --json"), "rxFrames");
        assertTrue("the queued frames reach low's guest after the resume: " + afterResume,
                afterResume >= lowReceived + 10);
        assertEquals(0, number(lowVnic("31"), "rxQueued"));
        shell("kernel:advance 3s");
        String host = shell("hw:host stats low31 --json");
        assertEquals("low's workload continued to its end, nothing sent twice", LOW_FRAMES, number(lowVnic("31"),
                "txFrames"));
        assertEquals(0, number(host, "reorderedFrames"));
        assertEquals("every frame of low arrived or was dropped with a reason", LOW_FRAMES,
                flowFrames(host) + number(netStats("low31"), "droppedFrames"));
        String events = shell("events --json");
        assertTrue(events, events.contains("\"topic\":\"nicmgr/vm/BOTTLENECK\",\"subject\":\"bond31\""));
    }

    /**
     * The frames a VM had queued in the resource manager when it was suspended wait there for its resume, none dropped
     * as {@code VM_SUSPENDED}: the resource manager's side of "suspending keeps the VM's queued frames".
     */
    @Test
    public void theFramesQueuedWhenTheVmWasSuspendedWaitForItsResume() throws Exception {
        failAMemberUnderLoad("32");
        assertEquals("SUSPENDED", state("low32"));
        shell("hw:plug b32");
        shell("kernel:advance 3s");
        assertEquals("low's frames dropped at its suspension: " + netStats("low32"), 0,
                number(field(netStats("low32"), "\"dropped\":(\\{[^}]*\\})"), "VM_SUSPENDED"));
    }

    private static String hostMac(String id, int host) {
        return "02:00:00:00:9" + host + ":" + id;
    }

    private static String lowMac(String id) {
        return "02:00:00:00:0a:" + id;
    }

    private String lowVnic(String id) throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", "low" + id + "-0");
    }

    /** The VM's entry in {@code net:stats --json}. */
    private String netStats(String vm) throws Exception {
        return DosFloodTest.objectOf(shell("net:stats --json"), "name", vm);
    }

    private String state(String vm) throws Exception {
        return field(shell("vm:show " + vm + " --json"), "\"state\":\"(\\w+)\"");
    }

    private long rxBytes(String host) throws Exception {
        return number(shell("hw:host stats " + host + " --json"), "rxBytes");
    }

    private static long flowFrames(String hostStats) {
        return Long.parseLong(field(hostStats, "\"flows\":\\[\\{\"sender\":\"[^\"]+\",\"id\":0,\"rxFrames\":(\\d+)"));
    }
}
