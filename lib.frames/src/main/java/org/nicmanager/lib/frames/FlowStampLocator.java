package org.nicmanager.lib.frames;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds the {@link FlowStamp} at the start of a UDP or TCP payload, for receivers that count test traffic with a
 * {@link FlowTracker}. TCP segments carry it too, so that TCP-like sessions are judged by the same stamps as datagrams;
 * a segment without payload (a bare SYN or FIN) has none.
 *
 * <p>Untagged IPv4 without options, what every traffic generator sends, is checked at fixed offsets: this runs for
 * every frame a receiver gets, and a full parse there took about a tenth of the whole simulated frame path
 * (SimulatedFramesBenchmark). Anything else goes through a {@link FrameHeaders} view this locator owns, so one locator
 * serves one thread. Nothing is allocated.
 */
@ProviderType
public final class FlowStampLocator {

    /** Returned when a frame carries no stamp. */
    public static final int NONE = -1;

    private static final int IPV4_OFFSET = FrameWriter.ETHERNET_HEADER_BYTES;
    private static final int L4_OFFSET = IPV4_OFFSET + FrameWriter.IPV4_HEADER_BYTES;
    private static final int UDP_PAYLOAD = L4_OFFSET + FrameWriter.UDP_HEADER_BYTES;
    private static final int TCP_PAYLOAD = L4_OFFSET + FrameWriter.TCP_HEADER_BYTES;
    private static final int IPV4_WITHOUT_OPTIONS = 0x45;
    private static final int IPV4_FRAGMENT_OFFSET = 0x1FFF;
    /** TCP data offset of 5 words (no options), in the high nibble of byte 12 of the TCP header. */
    private static final int TCP_WITHOUT_OPTIONS = 0x50;

    private final HeaderParser headers = new HeaderParser();

    /** Where the stamp of the first {@code length} bytes of {@code data} starts, or {@link #NONE}. Never throws. */
    public int find(byte[] data, int length) {
        if (data == null || length < 0 || length > data.length) {
            return NONE;
        }
        if (length >= UDP_PAYLOAD + FlowStamp.BYTES && u16(data, 12) == FrameHeaders.ETHERTYPE_IPV4
                && (data[IPV4_OFFSET] & 0xFF) == IPV4_WITHOUT_OPTIONS
                && (u16(data, IPV4_OFFSET + 6) & IPV4_FRAGMENT_OFFSET) == 0) {
            int protocol = data[IPV4_OFFSET + 9] & 0xFF;
            int payload = protocol == FrameHeaders.PROTOCOL_UDP ? UDP_PAYLOAD
                    : protocol == FrameHeaders.PROTOCOL_TCP && (data[L4_OFFSET + 12] & 0xF0) == TCP_WITHOUT_OPTIONS
                            ? TCP_PAYLOAD : NONE;
            if (payload != NONE) {
                int l3End = IPV4_OFFSET + u16(data, IPV4_OFFSET + 2);
                return l3End <= length && FlowStamp.present(data, payload, l3End) ? payload : NONE;
            }
        }
        if (headers.parse(data, length) != FrameVerdict.OK || headers.protocol() != FrameHeaders.PROTOCOL_UDP
                && headers.protocol() != FrameHeaders.PROTOCOL_TCP) {
            return NONE;
        }
        int payload = headers.payloadOffset();
        return FlowStamp.present(data, payload, headers.l3End()) ? payload : NONE;
    }

    /** {@link #find(byte[], int)} over a frame buffer's valid bytes. */
    public int find(FrameBuffer frame) {
        return find(frame.data(), frame.length());
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
    }
}
