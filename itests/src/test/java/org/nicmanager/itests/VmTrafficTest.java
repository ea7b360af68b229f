package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * A VM's traffic through a bond of simulated cards to an external host and back, as an operator drives it: the
 * spread over the members, failover at a cable pull with nothing lost that had not reached the wire, failback, and
 * inbound routing to the VM by MAC.
 */
public class VmTrafficTest extends NicManagerTestSupport {

    private static final String HOST_MAC = "02:00:00:00:99:";
    private static final String E1000SIM_JAR_PROPERTY = "nicmgr.test.jar.e1000sim";

    @Override
    protected List<Option> extraOptions() {
        // Where the driver's jar is, to install it again after the test uninstalled it.
        return List.of(frameworkProperty(E1000SIM_JAR_PROPERTY)
                .value(RunDescriptor.exportedJars().get("drivers.e1000sim").toURI().toString()));
    }

    /** A switch, two e1000 cards bonded round-robin, an external host, and a running VM on the bond. */
    private String setUp(String id) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add a" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add b" + id + " --model e1000 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac " + HOST_MAC + id);
        shell("bond:create bond" + id + " --policy round-robin --failback immediate");
        shell("bond:add bond" + id + " a" + id + " b" + id);
        shell("vm:create vm" + id + " --priority 8");
        shell("vm:start vm" + id);
        String vnic = shell("vnic:add vm" + id + " --uplink bond" + id);
        return field(vnic, "mac\\s+(\\S+)");
    }

    @Test
    public void roundRobinSplitsAVmsFramesEvenlyAndLosesNone() throws Exception {
        setUp("10");
        shell("guest:traffic vm10 --to " + HOST_MAC + "10 --rate 1500Mbps --frame 1514 --count 100000");
        shell("kernel:advance 2s");
        String host = shell("hw:host stats h10 --json");
        assertEquals(100_000, flowFrames(host));
        assertEquals(0, number(host, "lostFrames"));
        assertEquals(0, number(host, "reorderedFrames"));
        String bond = shell("bond:show bond10 --json");
        long first = memberFrames(bond, "a10");
        long second = memberFrames(bond, "b10");
        assertEquals(100_000, first + second);
        assertTrue("member share " + first, Math.abs(first - 50_000) <= 1_000);
    }

    @Test
    public void aCablePulledMidStreamLosesNothingThatHadNotReachedTheWire() throws Exception {
        setUp("11");
        // Below what the surviving member alone can carry, so that nothing is dropped for want of capacity.
        shell("guest:traffic vm11 --to " + HOST_MAC + "11 --rate 900Mbps --frame 1514 --count 100000");
        shell("kernel:advance 300ms");
        shell("hw:unplug a11");
        shell("kernel:advance 2s");
        String host = shell("hw:host stats h11 --json");
        // The frame half on the wire at the pull is cut short on the cable (counted there), and the bond resends it
        // with the rest of the pulled member's ring: every frame of the VM arrives, once.
        long cutOnTheCable = number(objectOf(shell("hw:topology --json"), "device", "a11"), "lostFrames");
        assertTrue("cut on the cable: " + cutOnTheCable, cutOnTheCable <= 1);
        // (The host's total also holds the gratuitous ARP the bond sent from the survivor: the VM's flow is counted
        // on its own.)
        assertEquals(100_000, flowFrames(host));
        assertEquals(0, number(host, "lostFrames"));
        assertEquals(0, number(host, "reorderedFrames"));
        String bond = shell("bond:show bond11 --json");
        assertEquals(1, number(bond, "failovers"));

        shell("hw:plug a11");
        String failedBack = shell("bond:show bond11 --json");
        assertEquals(1, number(failedBack, "failbacks"));
        assertTrue(failedBack, failedBack.contains("{\"name\":\"a11\",\"state\":\"UP\",\"active\":true"));
    }

    @Test
    public void framesForTheVmsMacAreRoutedToItsVirtualNic() throws Exception {
        String vmMac = setUp("12");
        shell("guest:traffic vm12 --to " + HOST_MAC + "12 --rate 1Mbps --frame 100 --count 10");
        shell("kernel:advance 100ms"); // the switch learns where the VM's MAC lives
        shell("hw:traffic h12 --to " + vmMac + " --rate 1Mbps --frame 500 --for 100ms");
        shell("kernel:advance 200ms");
        String sent = shell("hw:host stats h12 --json");
        String vnic = objectOf(shell("vnic:list --json"), "name", "vm12-0");
        assertTrue(sent, number(sent, "txFrames") > 0);
        assertEquals(number(sent, "txFrames"), number(vnic, "rxFrames"));
    }

    @Test
    public void uninstallingAMembersDriverUnderLoadFailsOverWithoutLosingAFrame() throws Exception {
        shell("hw:switch add sw13 --ports 8");
        shell("hw:nic add fast13 --model e1000 --switch sw13");
        shell("hw:nic add slow13 --model e100 --switch sw13");
        shell("hw:host add h13 --switch sw13 --mac " + HOST_MAC + "13");
        shell("bond:create bond13 --policy failover-order");
        shell("bond:add bond13 fast13 slow13");
        shell("vm:create vm13");
        shell("vm:start vm13");
        shell("vnic:add vm13 --uplink bond13");
        shell("guest:traffic vm13 --to " + HOST_MAC + "13 --rate 50Mbps --frame 1000 --count 20000");
        shell("kernel:advance 1s");
        long beforeRemoval = flowFrames(shell("hw:host stats h13 --json"));
        assertTrue("traffic flowed before the removal: " + beforeRemoval, beforeRemoval > 5_000);
        Bundle e1000 = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("drivers.e1000sim")).findFirst().orElseThrow();
        e1000.uninstall();
        try {
            shell("kernel:advance 4s");
            String bond = shell("bond:show bond13 --json");
            assertEquals(1, number(bond, "failovers"));
            assertTrue(bond, bond.contains("{\"name\":\"slow13\",\"state\":\"UP\",\"active\":true"));
            long received = flowFrames(shell("hw:host stats h13 --json"));
            // The e100 carries on, and what was on the removed card's ring comes back to the bond and is resent.
            assertEquals(20_000, received);
        } finally {
            context.installBundle(context.getProperty(E1000SIM_JAR_PROPERTY)).start();
        }
    }

    @Test
    public void perVmPinsEachVmToAMemberOfItsOwn() throws Exception {
        shell("hw:switch add sw14 --ports 8");
        shell("hw:nic add a14 --model e1000 --switch sw14");
        shell("hw:nic add b14 --model e1000 --switch sw14");
        shell("hw:host add h14 --switch sw14 --mac " + HOST_MAC + "14");
        shell("bond:create bond14 --policy per-vm"); // the kernel-integrated NIC manager knows the VMs
        shell("bond:add bond14 a14 b14");
        for (String vm : new String[] {"red14", "blue14"}) {
            shell("vm:create " + vm);
            shell("vm:start " + vm);
            shell("vnic:add " + vm + " --uplink bond14");
        }
        shell("guest:traffic red14 --to " + HOST_MAC + "14 --rate 10Mbps --frame 1000 --flows 8 --count 1000");
        shell("guest:traffic blue14 --to " + HOST_MAC + "14 --rate 20Mbps --frame 1000 --flows 8 --count 3000");
        shell("kernel:advance 2s");
        String bond = shell("bond:show bond14 --json");
        Set<Long> carried = Set.of(memberFrames(bond, "a14"), memberFrames(bond, "b14"));
        assertEquals("each VM's frames on one member, whatever their flows", Set.of(1000L, 3000L), carried);
    }

    @Test
    public void assignmentRulesAreEnforcedByName() throws Exception {
        setUp("19");
        assertRefused("vnic:add vm19 --uplink a19", "NIC a19 is in bond bond19; a virtual NIC is assigned to the bond,"
                + " never to a bonded NIC alone");
        assertRefused("bond:remove bond19 b19", "bond bond19 is used by running VMs [vm19]; a NIC cannot leave a bond"
                + " that a running VM uses");
        shell("vm:stop vm19");
        shell("bond:remove bond19 b19");
        String bond = shell("bond:show bond19 --json");
        assertEquals(1, number(bond, "failovers"));
        String members = field(bond, "\"members\":\\[(.*?)\\]");
        assertTrue(members, members.contains("\"a19\"") && !members.contains("b19"));
    }

    private void assertRefused(String command, String expected) throws Exception {
        try {
            shell(command);
            fail(command + " was accepted");
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains(expected));
        }
    }

    @Test
    public void flowPoliciesKeepEveryFlowInOrderWhereRoundRobinCannot() throws Exception {
        // Members of different speeds: at 120 Mb/s a 1000-byte frame leaves every 67 us, but takes 80 us to cross the
        // e100, so under round-robin a frame sent on the slow member arrives after the next one, sent on the fast one.
        assertEquals(0, reorderedAcrossMixedMembers("16", "hash-l34", 8));
        assertEquals(0, reorderedAcrossMixedMembers("17", "tcp-session", 8));
        // One flow, so that its consecutive frames alternate between the members.
        assertTrue("round-robin over unequal members reorders",
                reorderedAcrossMixedMembers("18", "round-robin", 1) > 0);
    }

    /**
     * Reordered frames the host counts when a VM sends its flows over a bond of an e1000 and an e100. (However the flows
     * hash, the e100 and the bond's backlog can carry them all.)
     */
    private long reorderedAcrossMixedMembers(String id, String policy, int flows) throws Exception {
        shell("hw:switch add sw" + id + " --ports 8");
        shell("hw:nic add fast" + id + " --model e1000 --switch sw" + id);
        shell("hw:nic add slow" + id + " --model e100 --switch sw" + id);
        shell("hw:host add h" + id + " --switch sw" + id + " --mac " + HOST_MAC + id);
        shell("bond:create bond" + id + " --policy " + policy);
        shell("bond:add bond" + id + " fast" + id + " slow" + id);
        shell("vm:create vm" + id);
        shell("vm:start vm" + id);
        shell("vnic:add vm" + id + " --uplink bond" + id);
        shell("guest:traffic vm" + id + " --to " + HOST_MAC + id + " --rate 120Mbps --frame 1000 --flows " + flows
                + " --count 4000");
        shell("kernel:advance 2s");
        String host = shell("hw:host stats h" + id + " --json");
        assertEquals(policy + ": every frame arrives", 4000, number(host, "rxFrames"));
        return number(host, "reorderedFrames");
    }

    /** The flat JSON object whose {@code key} is {@code value}. */
    private static String objectOf(String json, String key, String value) {
        Matcher object = Pattern.compile("\\{\"" + key + "\":\"" + value + "\"[^}]*\\}").matcher(json);
        assertTrue(json, object.find());
        return object.group();
    }

    /** Frames of the VM's flow (flow 0) the host received. */
    private static long flowFrames(String hostStats) {
        return Long.parseLong(field(hostStats, "\"flows\":\\[\\{\"sender\":\"[^\"]+\",\"id\":0,\"rxFrames\":(\\d+)"));
    }

    private static long memberFrames(String bond, String member) {
        return Long.parseLong(field(bond, "\\{\"name\":\"" + member + "\"[^}]*\"txFrames\":(\\d+)"));
    }

}
