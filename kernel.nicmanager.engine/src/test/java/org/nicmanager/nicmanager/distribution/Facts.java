package org.nicmanager.nicmanager.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nicmanager.kernel.api.distribution.FrameFacts;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.testsupport.FrameBuilder;

/**
 * Frames of numbered hosts, parsed, and a parsed frame and its source port as a bond shows them to its policy:
 * through the bond's {@link HeaderFacts}. Host {@code n} sends from MAC 02:00:00:00:00:n and 10.0.0.n, and is reached
 * at MAC 02:00:00:00:10:n and 10.1.0.n.
 */
final class Facts {

    private static final long SOURCE_MAC = 0x02_00_00_00_00_00L;
    private static final long DESTINATION_MAC = 0x02_00_00_00_10_00L;
    private static final int SOURCE_IP = 0x0A000000;
    private static final int DESTINATION_IP = 0x0A010000;

    private Facts() {
    }

    static FrameFacts of(FrameHeaders headers, int sourcePort) {
        return new HeaderFacts(headers).from(sourcePort);
    }

    /** A 64-byte UDP frame from host {@code source} to host {@code destination}, with these ports. */
    static FrameHeaders udp(int source, int destination, int sourcePort, int destinationPort) {
        return parsed(FrameBuilder.udpFrame(DESTINATION_MAC + destination, SOURCE_MAC + source, SOURCE_IP + source,
                DESTINATION_IP + destination, sourcePort, destinationPort, 64));
    }

    /** A TCP segment of a connection, with the given flags. */
    static FrameHeaders tcp(int source, int destination, int sourcePort, int destinationPort, int flags) {
        return parsed(FrameBuilder.tcpSegment(DESTINATION_MAC + destination, SOURCE_MAC + source,
                SOURCE_IP + source, DESTINATION_IP + destination, sourcePort, destinationPort, flags));
    }

    /** A gratuitous ARP from host {@code source}: not IP. */
    static FrameHeaders arp(int source) {
        return parsed(FrameBuilder.gratuitousArp(SOURCE_MAC + source, SOURCE_IP + source));
    }

    private static FrameHeaders parsed(FrameBuilder frame) {
        HeaderParser headers = new HeaderParser();
        assertEquals(FrameVerdict.OK, headers.parse(frame.build(), frame.size()));
        return headers;
    }
}
