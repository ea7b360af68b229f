package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.nicmanager.testsupport.FrameBuilder.with16;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.testsupport.FrameBuilder;

/**
 * {@link HeaderParser#parse} never throws, whatever the bytes, and leaves the view readable: truncations and
 * single-byte mutations of every sample frame, then a million seeded random frames.
 */
class HeaderParserRobustnessTest {

    private static final int[] MUTATIONS = {0x00, 0x01, 0x0F, 0x45, 0x60, 0x7F, 0x80, 0xFF};
    private static final int[] INTERESTING_ETHERTYPES = {
        FrameHeaders.ETHERTYPE_IPV4, FrameHeaders.ETHERTYPE_IPV6, FrameHeaders.ETHERTYPE_VLAN,
        FrameHeaders.ETHERTYPE_QINQ, FrameHeaders.ETHERTYPE_ARP};
    private static final int[] INTERESTING_PROTOCOLS = {
        FrameHeaders.PROTOCOL_TCP, FrameHeaders.PROTOCOL_UDP, 0, 43, 44, 51, 60, 135};

    private final HeaderParser headers = new HeaderParser();
    /** Accessor results, summed so that no call can be skipped. */
    private long sink;

    @Test
    void everyTruncationOfEverySampleParses() {
        for (Map.Entry<String, byte[]> sample : SampleFrames.all().entrySet()) {
            byte[] frame = sample.getValue();
            for (int length = 0; length <= frame.length; length++) {
                parseAndReadEverything(sample.getKey() + " cut to " + length, frame, length);
            }
        }
    }

    @Test
    void everySingleByteMutationOfEverySampleParses() {
        for (Map.Entry<String, byte[]> sample : SampleFrames.all().entrySet()) {
            byte[] frame = sample.getValue();
            for (int position = 0; position < frame.length; position++) {
                for (int value : MUTATIONS) {
                    byte[] mutated = FrameBuilder.with8(frame, position, value);
                    parseAndReadEverything(sample.getKey() + " with byte " + position + " = " + value,
                            mutated, mutated.length);
                }
            }
        }
    }

    @Test
    void aMillionSeededRandomFramesParse() {
        Random random = new Random(0x5EED_F4A3EL);
        int[] verdicts = new int[FrameVerdict.values().length];
        for (int i = 0; i < 1_000_000; i++) {
            byte[] frame = randomFrame(random);
            verdicts[parseAndReadEverything("random frame " + i, frame, frame.length).ordinal()]++;
        }
        // The steering in randomFrame must reach every check past the Ethernet header to be worth a million frames.
        for (FrameVerdict verdict : FrameVerdict.values()) {
            if (verdict != FrameVerdict.BAD_BUFFER_LENGTH) {
                assertTrue(verdicts[verdict.ordinal()] > 0,
                        () -> verdict + " never seen: " + Arrays.toString(verdicts));
            }
        }
    }

    /**
     * Random bytes of random length 0..128. Most frames are steered towards the parser's deeper paths: an interesting
     * EtherType, a plausible IP version nibble, and a TCP, UDP or extension-header protocol number.
     */
    private static byte[] randomFrame(Random random) {
        byte[] frame = new byte[random.nextInt(129)];
        random.nextBytes(frame);
        if (frame.length >= 14 && random.nextInt(4) != 0) {
            int etherType = INTERESTING_ETHERTYPES[random.nextInt(INTERESTING_ETHERTYPES.length)];
            int l3 = 14;
            if ((etherType == FrameHeaders.ETHERTYPE_VLAN || etherType == FrameHeaders.ETHERTYPE_QINQ)
                    && frame.length >= 18) {
                frame = with16(frame, 12, etherType);
                etherType = random.nextBoolean() ? FrameHeaders.ETHERTYPE_IPV4 : FrameHeaders.ETHERTYPE_IPV6;
                l3 = 18;
            }
            frame = with16(frame, l3 - 2, etherType);
            int protocol = INTERESTING_PROTOCOLS[random.nextInt(INTERESTING_PROTOCOLS.length)];
            if (etherType == FrameHeaders.ETHERTYPE_IPV4 && frame.length >= l3 + 20) {
                if (random.nextInt(4) != 0) { // else keep a random version and header length
                    frame[l3] = 0x45;
                }
                frame = with16(frame, l3 + 2, frame.length - l3 + random.nextInt(5) - 3);
                frame = with16(frame, l3 + 6, random.nextBoolean() ? 0 : random.nextInt(0x10000));
                frame[l3 + 9] = (byte) protocol;
            } else if (etherType == FrameHeaders.ETHERTYPE_IPV6 && frame.length >= l3 + 40) {
                if (random.nextInt(8) != 0) { // else keep a random version
                    frame[l3] = 0x60;
                }
                frame = with16(frame, l3 + 4, frame.length - l3 - 40 + random.nextInt(5) - 3);
                frame[l3 + 6] = (byte) protocol;
            }
        }
        return frame;
    }

    private FrameVerdict parseAndReadEverything(String what, byte[] frame, int length) {
        try {
            FrameVerdict verdict = headers.parse(frame, length);
            assertNotNull(verdict, what);
            sink += headers.destinationMac() + headers.sourceMac() + headers.vlanId() + headers.vlanPriority()
                    + headers.ipv4Source() + headers.ipv4Destination() + headers.ipv6Source(0)
                    + headers.ipv6Destination(1) + headers.sourcePort() + headers.destinationPort()
                    + headers.tcpFlags() + headers.flowHash() + (headers.isMulticast() ? 1 : 0);
            if (verdict == FrameVerdict.OK) {
                checkOffsetsInsideTheFrame(what, length);
            }
            return verdict;
        } catch (RuntimeException thrown) {
            fail(what + " threw on " + HexFormat.of().formatHex(frame, 0, Math.max(0, Math.min(length, frame.length))),
                    thrown);
            throw thrown;
        }
    }

    private void checkOffsetsInsideTheFrame(String what, int length) {
        if (headers.payloadOffset() > length || headers.l3End() > length
                || headers.l4Offset() >= length || headers.vlanCount() > 2) {
            fail(what + ": offsets outside the frame: payload " + headers.payloadOffset() + ", l3End "
                    + headers.l3End() + ", l4 " + headers.l4Offset() + ", length " + length);
        }
        assertEquals(headers.sourcePort() == FrameHeaders.ABSENT, headers.l4Offset() == FrameHeaders.ABSENT, what);
    }
}
