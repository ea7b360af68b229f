package org.nicmanager.dos;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.HeaderParser;

/** Frames for the tests, with their headers parsed as the VMM parses them before the taps see them. */
public final class Frames {

    public static final long VM_MAC = 0x02_00_00_00_00_0AL;
    public static final long ATTACKER_MAC = 0x02_00_00_00_66_01L;

    /** A frame and its parsed headers. */
    public record Parsed(FrameBuffer frame, FrameHeaders headers) {
    }

    private Frames() {
    }

    public static Parsed udp(int frameBytes, int destinationPort) {
        FrameBuffer frame = FrameBuffer.unpooled(FrameBuffer.MAX_FRAME_BYTES);
        frame.setLength(FrameWriter.udpFrame(frame.data(), frameBytes, VM_MAC, ATTACKER_MAC, 0x0A000001, 0x0A000002,
                10_000, destinationPort, 0, 0));
        return parsed(frame);
    }

    public static Parsed broadcast() {
        FrameBuffer frame = FrameBuffer.unpooled(FrameBuffer.MAX_FRAME_BYTES);
        frame.setLength(FrameWriter.udpFrame(frame.data(), 60, MacAddress.BROADCAST, ATTACKER_MAC, 0x0A000001, -1,
                10_000, 9, 0, 0));
        return parsed(frame);
    }

    /** A minimum-size TCP segment with these flags, e.g. a SYN. */
    public static Parsed tcp(int flags) {
        FrameBuffer frame = FrameBuffer.unpooled(FrameBuffer.MAX_FRAME_BYTES);
        byte[] data = frame.data();
        int offset = FrameWriter.ethernet(data, VM_MAC, ATTACKER_MAC, FrameHeaders.ETHERTYPE_IPV4);
        offset = FrameWriter.ipv4(data, offset, 0x0A000001, 0x0A000002, FrameHeaders.PROTOCOL_TCP,
                FrameWriter.IPV4_HEADER_BYTES + FrameWriter.TCP_HEADER_BYTES);
        offset = FrameWriter.tcp(data, offset, 40_000, 80, 1, 0, flags, 65_535);
        frame.setLength(Math.max(offset, FrameWriter.MIN_FRAME_BYTES));
        return parsed(frame);
    }

    private static Parsed parsed(FrameBuffer frame) {
        HeaderParser headers = new HeaderParser();
        headers.parse(frame);
        return new Parsed(frame, headers);
    }
}
