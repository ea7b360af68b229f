package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;

/** The VM double a policy reads and the uplink double a scheduler sends to. */
class PortDoublesTest {

    @Test
    void portOwnersGiveEachPortItsOwnVmAndTheGivenPriority() {
        PortOwnersTestDouble owners = PortOwnersTestDouble.prioritiesInTurn(12);
        assertEquals(12, owners.portBound());
        assertEquals(7, owners.vmOfPort(7));
        assertEquals(10, owners.priorityOfPort(10));
        assertEquals(0, owners.priorityOfPort(11), "10 is the last priority, then round again");
        assertEquals(0, new PortOwnersTestDouble().portBound(), "a bond that knows no VM");
    }

    @Test
    void theUplinkTakesAFramePerPlaceOfRoomUnlessAlwaysReady() {
        UplinkPortTestDouble uplink = new UplinkPortTestDouble(1_000L, "n0");
        assertFalse(uplink.ready());
        uplink.addRoom(1);
        assertTrue(uplink.ready());
        uplink.send(FrameBuffer.unpooled(64));
        assertFalse(uplink.ready(), "the one place was used");
        assertEquals(1, uplink.sent());
        uplink.alwaysReady(true);
        assertTrue(uplink.ready());
        uplink.setRoom(2);
        uplink.alwaysReady(false);
        assertTrue(uplink.ready());
    }
}
