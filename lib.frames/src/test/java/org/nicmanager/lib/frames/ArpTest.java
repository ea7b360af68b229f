package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.frame.MacAddress;

class ArpTest {

    private static final long BOND_NIC = 0x02_00_00_00_00_11L;
    private static final long HOST = 0x02_53_48_00_00_01L;
    private static final int HOST_IP = 0x0A_00_00_05; // 10.0.0.5

    @Test
    void aRequestAndItsReplyReadBackFieldByField() {
        byte[] frame = new byte[64];
        int length = FrameWriter.arp(frame, MacAddress.BROADCAST, Arp.REQUEST, BOND_NIC, 0, 0, HOST_IP);
        assertEquals(FrameWriter.MIN_FRAME_BYTES, length);
        assertTrue(Arp.isIpv4OverEthernet(frame, length));
        assertEquals(Arp.REQUEST, Arp.operation(frame));
        assertEquals(BOND_NIC, Arp.senderMac(frame));
        assertEquals(0, Arp.senderIp(frame));
        assertEquals(HOST_IP, Arp.targetIp(frame));

        length = FrameWriter.arp(frame, BOND_NIC, Arp.REPLY, HOST, HOST_IP, BOND_NIC, 0);
        assertEquals(Arp.REPLY, Arp.operation(frame));
        assertEquals(HOST, Arp.senderMac(frame));
        assertEquals(HOST_IP, Arp.senderIp(frame));
        assertEquals(BOND_NIC, Arp.targetMac(frame));
        HeaderParser headers = new HeaderParser();
        assertEquals(FrameVerdict.OK, headers.parse(frame, length));
        assertEquals(BOND_NIC, headers.destinationMac(), "sent to the asker");
    }

    @Test
    void otherFramesAndTruncatedOnesAreNotArp() {
        byte[] frame = new byte[64];
        int length = FrameWriter.arp(frame, MacAddress.BROADCAST, Arp.REQUEST, BOND_NIC, 0, 0, HOST_IP);
        assertFalse(Arp.isIpv4OverEthernet(frame, 41), "a frame cut inside the ARP packet");
        frame[12] = 0x08;
        frame[13] = 0x00; // IPv4
        assertFalse(Arp.isIpv4OverEthernet(frame, length));
    }
}
