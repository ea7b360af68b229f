package org.nicmanager.dos;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.testsupport.FrameBuilder;

/**
 * A test frame from an attacker to a VM, and its headers parsed as the VMM parses them before the taps see them. The
 * bytes come from test.support's {@link FrameBuilder}; the parser is the kernel's.
 */
public record ParsedFrame(FrameBuffer frame, FrameHeaders headers) {

    public static final long VM_MAC = 0x02_00_00_00_00_0AL;
    public static final long ATTACKER_MAC = 0x02_00_00_00_66_01L;
    private static final int ATTACKER_IP = 0x0A000001;
    private static final int VM_IP = 0x0A000002;

    /** A UDP frame of {@code frameBytes} to the VM's {@code destinationPort}. */
    public static ParsedFrame udp(int frameBytes, int destinationPort) {
        return parsed(FrameBuilder.udpFrame(VM_MAC, ATTACKER_MAC, ATTACKER_IP, VM_IP, 10_000, destinationPort,
                frameBytes));
    }

    /** A minimum-size UDP broadcast. */
    public static ParsedFrame broadcast() {
        return parsed(FrameBuilder.udpFrame(MacAddress.BROADCAST, ATTACKER_MAC, ATTACKER_IP, -1, 10_000, 9,
                FrameBuilder.MIN_FRAME_BYTES));
    }

    /** A minimum-size TCP segment with these flags, e.g. a SYN. */
    public static ParsedFrame tcp(int flags) {
        return parsed(FrameBuilder.tcpSegment(VM_MAC, ATTACKER_MAC, ATTACKER_IP, VM_IP, 40_000, 80, flags));
    }

    private static ParsedFrame parsed(FrameBuilder bytes) {
        FrameBuffer frame = bytes.buildBuffer();
        HeaderParser headers = new HeaderParser();
        headers.parse(frame);
        return new ParsedFrame(frame, headers);
    }
}
