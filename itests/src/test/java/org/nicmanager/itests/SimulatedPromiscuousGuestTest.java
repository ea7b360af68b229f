package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * Issue 15, "Security", with a simulated guest in virtual time: a guest that turns promiscuous mode on
 * ({@code guest:promisc}) while its port rejects it gets none of another VM's frames, and each is counted on its
 * virtual NIC as PROMISCUOUS_REFUSED ({@code vnic:list}, {@code bond:show}, events); accepted, it gets a copy of each;
 * off, nothing more is counted.
 */
public class SimulatedPromiscuousGuestTest extends NicManagerTestSupport {

    private static final String LISTENER_MAC = "02:00:00:00:95:01";
    private static final String TARGET_MAC = "02:00:00:00:95:02";
    private static final String HOST_MAC = "02:00:00:00:99:95";
    private static final int MAX_STEPS = 1_000;

    @Test
    public void aPromiscuousGuestIsRefusedAndCountedUntilAcceptedAndNothingIsCountedOnceItStops() throws Exception {
        shell("hw:switch add sw95 --ports 4");
        shell("hw:nic add a95 --model e1000 --switch sw95");
        shell("hw:host add h95 --switch sw95 --mac " + HOST_MAC);
        shell("bond:create bond95");
        shell("bond:add bond95 a95");
        for (String vm : new String[] {"lis95", "tgt95"}) {
            shell("vm:create " + vm);
            shell("vm:start " + vm);
        }
        shell("vnic:add lis95 --uplink bond95 --mac " + LISTENER_MAC);
        shell("vnic:add tgt95 --uplink bond95 --mac " + TARGET_MAC);
        assertTrue(listener(), listener().contains("\"guestPromiscuous\":false"));

        String on = shell("guest:promisc lis95-0 on");
        assertTrue(on, on.contains("lis95-0") && on.contains("true") && on.contains("reject"));
        assertTrue(listener(), listener().contains("\"guestPromiscuous\":true"));
        assertTrue(shell("events --json").contains("nicmgr/vnic/GUEST_PROMISCUOUS_CHANGED"));

        long listened = number(listener(), "rxFrames");
        hostSendsTheTargetFive();
        assertEquals("rejected: no copy", listened, number(listener(), "rxFrames"));
        assertEquals(listener(), 5, refused());
        assertEquals(5, number(shell("bond:show bond95 --json"), "promiscuousRefused"));
        shell("kernel:advance 1s"); // drops are reported once a second per port
        advanceUntil(() -> shell("events --json").contains("PROMISCUOUS_REFUSED=5"), "an event of the 5 refusals",
                MAX_STEPS, this::listener);

        shell("vnic:security lis95-0 --promiscuous accept");
        hostSendsTheTargetFive();
        assertEquals("accepted: a copy of each", listened + 5, number(listener(), "rxFrames"));
        assertEquals("accepted: nothing refused", 5, refused());

        shell("vnic:security lis95-0 --promiscuous reject");
        shell("guest:promisc lis95-0 off");
        assertTrue(listener(), listener().contains("\"guestPromiscuous\":false"));
        hostSendsTheTargetFive();
        assertEquals("off: nothing refused", 5, refused());
        assertEquals(listened + 5, number(listener(), "rxFrames"));

        assertEquals("bad promiscuous mode 'maybe': on or off", refusal("guest:promisc lis95-0 maybe"));
        assertTrue(refusal("guest:promisc nosuch-0 on").startsWith("no virtual NIC named 'nosuch-0'"));
    }

    /** Host h95 sends the target VM 5 frames, which it gets. */
    private void hostSendsTheTargetFive() throws Exception {
        long before = number(vnic("tgt95-0"), "rxFrames");
        shell("hw:traffic h95 --to " + TARGET_MAC + " --rate 1Mbps --frame 100 --count 5");
        advanceUntil(() -> number(vnic("tgt95-0"), "rxFrames") == before + 5, "the target got its 5 frames",
                MAX_STEPS, this::listener);
    }

    private long refused() throws Exception {
        return FrameAccounts.count(listener(), "rxDropped", "PROMISCUOUS_REFUSED");
    }

    private String listener() throws Exception {
        return vnic("lis95-0");
    }

    private String vnic(String name) throws Exception {
        return DosFloodTest.objectOf(shell("vnic:list --json"), "name", name);
    }

    private String refusal(String command) throws Exception {
        try {
            shell(command);
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
        throw new AssertionError(command + " was not refused");
    }
}
