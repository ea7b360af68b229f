package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.HeaderParser;

/** Builds parsed test frames. */
final class Frames {

    private final byte[] data = new byte[1514];
    private final HeaderParser headers = new HeaderParser();

    /** A UDP frame from VM-ish addresses numbered {@code source}, to {@code destination}, with ports. */
    FrameHeaders udp(int source, int destination, int sourcePort, int destinationPort) {
        int length = FrameWriter.udpFrame(data, 64, 0x02_00_00_00_10_00L + destination, 0x02_00_00_00_00_00L + source,
                0x0A000000 + source, 0x0A010000 + destination, sourcePort, destinationPort, 0, 0);
        assertEquals(FrameVerdict.OK, headers.parse(data, length));
        return headers;
    }

    /** A TCP frame of a connection, with the given flags. */
    FrameHeaders tcp(int source, int destination, int sourcePort, int destinationPort, int flags) {
        int offset = FrameWriter.ethernet(data, 0x02_00_00_00_10_00L + destination, 0x02_00_00_00_00_00L + source,
                FrameHeaders.ETHERTYPE_IPV4);
        offset = FrameWriter.ipv4(data, offset, 0x0A000000 + source, 0x0A010000 + destination,
                FrameHeaders.PROTOCOL_TCP, 40);
        offset = FrameWriter.tcp(data, offset, sourcePort, destinationPort, 1, 0, flags, 65535);
        assertEquals(FrameVerdict.OK, headers.parse(data, 60));
        return headers;
    }

    /** A gratuitous ARP from a MAC numbered {@code source}: not IP. */
    FrameHeaders arp(int source) {
        int length = FrameWriter.gratuitousArp(data, 0x02_00_00_00_00_00L + source, 0x0A000000 + source);
        assertEquals(FrameVerdict.OK, headers.parse(data, length));
        return headers;
    }
}
