package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_IP;
import static org.nicmanager.lib.frames.SampleFrames.CLIENT_PORT;
import static org.nicmanager.lib.frames.SampleFrames.DNS_PORT;
import static org.nicmanager.lib.frames.SampleFrames.HTTP_PORT;
import static org.nicmanager.lib.frames.SampleFrames.SERVER_IP;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.testsupport.FrameBuilder;

/** The 5-tuple hash: equal for one flow whatever else differs, different when a port differs. */
class HeaderParserFlowHashTest {

    private final HeaderParser headers = new HeaderParser();

    private long flowHash(byte[] frame) {
        assertEquals(FrameVerdict.OK, headers.parse(frame, frame.length));
        return headers.flowHash();
    }

    @Test
    void sameFiveTupleInAnotherBufferHashesTheSame() {
        byte[] first = SampleFrames.ipv4Tcp(CLIENT_PORT, HTTP_PORT, FrameHeaders.TCP_SYN);
        // Another frame of the same flow: other MACs, other flags, other payload bytes, a VLAN tag, more padding.
        byte[] second = FrameBuilder.ethernet(0x02_AA_BB_CC_DD_EEL, 0x02_11_22_33_44_55L)
                .vlan(FrameHeaders.ETHERTYPE_VLAN, 7, 999).etherType(FrameHeaders.ETHERTYPE_IPV4)
                .ipv4(FrameHeaders.PROTOCOL_TCP, CLIENT_IP, SERVER_IP, 20 + 20 + 3, 0)
                .tcp(CLIENT_PORT, HTTP_PORT, FrameHeaders.TCP_ACK)
                .u8(1).u8(2).u8(3)
                .padTo(80)
                .build();

        assertEquals(flowHash(first), flowHash(second));
    }

    @Test
    void sameFrameHashesTheSameInEveryParse() {
        byte[] frame = SampleFrames.ipv6TcpWithHopByHop();

        assertEquals(flowHash(frame), flowHash(frame.clone()));
    }

    @Test
    void aDifferentPortGivesADifferentHashForTcpOverIpv4() {
        assertEveryPortHashesDifferently(port -> SampleFrames.ipv4Tcp(port, HTTP_PORT, FrameHeaders.TCP_SYN));
        assertEveryPortHashesDifferently(port -> SampleFrames.ipv4Tcp(CLIENT_PORT, port, FrameHeaders.TCP_SYN));
    }

    @Test
    void aDifferentPortGivesADifferentHashForUdpOverIpv4() {
        assertEveryPortHashesDifferently(port -> SampleFrames.ipv4Udp(port, DNS_PORT));
        assertEveryPortHashesDifferently(port -> SampleFrames.ipv4Udp(CLIENT_PORT, port));
    }

    @Test
    void aDifferentPortGivesADifferentHashForTcpOverIpv6() {
        assertEveryPortHashesDifferently(port -> SampleFrames.ipv6TcpWithHopByHop(port, HTTP_PORT));
        assertEveryPortHashesDifferently(port -> SampleFrames.ipv6TcpWithHopByHop(CLIENT_PORT, port));
    }

    @Test
    void swappingSourceAndDestinationPortChangesTheHash() {
        assertNotEquals(flowHash(SampleFrames.ipv4Udp(CLIENT_PORT, DNS_PORT)),
                flowHash(SampleFrames.ipv4Udp(DNS_PORT, CLIENT_PORT)));
    }

    @Test
    void tcpAndUdpWithTheSamePortsHashDifferently() {
        assertNotEquals(flowHash(SampleFrames.ipv4Udp(CLIENT_PORT, HTTP_PORT)),
                flowHash(SampleFrames.ipv4Tcp(CLIENT_PORT, HTTP_PORT, FrameHeaders.TCP_SYN)));
    }

    private void assertEveryPortHashesDifferently(IntFunction<byte[]> frameWithPort) {
        Set<Long> hashes = new HashSet<>();
        int[] ports = {0, 1, 53, 80, 443, 8080, 49152, 49153, 65534, 65535};
        for (int port : ports) {
            hashes.add(flowHash(frameWithPort.apply(port)));
        }
        assertEquals(ports.length, hashes.size());
    }
}
