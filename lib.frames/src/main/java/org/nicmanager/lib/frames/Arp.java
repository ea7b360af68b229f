package org.nicmanager.lib.frames;

import org.nicmanager.kernel.api.frame.FrameHeaders;

/**
 * Reading an ARP packet for IPv4 over Ethernet (RFC 826) in an untagged frame; {@link FrameWriter#arp} writes one.
 * Plain reads of the frame's bytes: nothing is allocated.
 */
public final class Arp {

    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    private static final int START = FrameWriter.ETHERNET_HEADER_BYTES;

    private Arp() {
    }

    /** Whether the frame holds a whole ARP packet for IPv4 over Ethernet. */
    public static boolean isIpv4OverEthernet(byte[] data, int length) {
        return length >= START + FrameWriter.ARP_BYTES && u16(data, 12) == FrameHeaders.ETHERTYPE_ARP
                && u16(data, START) == 1 && u16(data, START + 2) == FrameHeaders.ETHERTYPE_IPV4
                && data[START + 4] == 6 && data[START + 5] == 4;
    }

    public static int operation(byte[] data) {
        return u16(data, START + 6);
    }

    public static long senderMac(byte[] data) {
        return u48(data, START + 8);
    }

    public static int senderIp(byte[] data) {
        return u32(data, START + 14);
    }

    public static long targetMac(byte[] data) {
        return u48(data, START + 18);
    }

    public static int targetIp(byte[] data) {
        return u32(data, START + 24);
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }

    private static int u32(byte[] data, int offset) {
        return u16(data, offset) << 16 | u16(data, offset + 2);
    }

    private static long u48(byte[] data, int offset) {
        return (long) u16(data, offset) << 32 | u32(data, offset + 2) & 0xFFFF_FFFFL;
    }
}
