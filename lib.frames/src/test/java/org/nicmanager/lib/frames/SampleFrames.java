package org.nicmanager.lib.frames;

import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_ARP;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_IPV4;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_IPV6;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_QINQ;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_VLAN;
import static org.nicmanager.kernel.api.frame.FrameHeaders.PROTOCOL_TCP;
import static org.nicmanager.kernel.api.frame.FrameHeaders.PROTOCOL_UDP;
import static org.nicmanager.kernel.api.frame.FrameHeaders.TCP_SYN;
import static org.nicmanager.testsupport.FrameBuilder.ETHERNET_HEADER_BYTES;
import static org.nicmanager.testsupport.FrameBuilder.IPV4_HEADER_BYTES;
import static org.nicmanager.testsupport.FrameBuilder.IPV6_FRAGMENT;
import static org.nicmanager.testsupport.FrameBuilder.IPV6_HEADER_BYTES;
import static org.nicmanager.testsupport.FrameBuilder.IPV6_HOP_BY_HOP;
import static org.nicmanager.testsupport.FrameBuilder.TCP_HEADER_BYTES;
import static org.nicmanager.testsupport.FrameBuilder.UDP_HEADER_BYTES;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.testsupport.FrameBuilder;

/** Well-formed frames shared by the frame tests, with the addresses they carry. */
final class SampleFrames {

    static final long CLIENT_MAC = 0x02_00_00_00_00_01L;
    static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    static final int CLIENT_IP = 0x0A_00_00_01; // 10.0.0.1
    static final int SERVER_IP = 0x0A_00_00_02; // 10.0.0.2
    static final long[] CLIENT_IP6 = {0x2001_0DB8_0000_0000L, 0x0000_0000_0000_0001L}; // 2001:db8::1
    static final long[] SERVER_IP6 = {0x2001_0DB8_0000_0000L, 0x0000_0000_0000_0002L}; // 2001:db8::2
    static final int CLIENT_PORT = 49152;
    static final int HTTP_PORT = 80;
    static final int DNS_PORT = 53;

    /** Offsets in an untagged IPv4 frame without options. */
    static final int IPV4_L3 = ETHERNET_HEADER_BYTES;
    static final int IPV4_L4 = IPV4_L3 + IPV4_HEADER_BYTES;
    /** Offset of the first IPv6 extension header (or transport header) in an untagged frame. */
    static final int IPV6_AFTER_HEADER = ETHERNET_HEADER_BYTES + IPV6_HEADER_BYTES;

    private SampleFrames() {
    }

    /** 64 bytes: Ethernet, IPv4, TCP, 10 bytes of payload. */
    static byte[] ipv4Tcp(int sourcePort, int destinationPort, int flags) {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_TCP, CLIENT_IP, SERVER_IP, IPV4_HEADER_BYTES + TCP_HEADER_BYTES + 10, 0)
                .tcp(sourcePort, destinationPort, flags)
                .payload(10)
                .build();
    }

    static byte[] ipv4TcpSyn() {
        return ipv4Tcp(CLIENT_PORT, HTTP_PORT, TCP_SYN);
    }

    /** 64 bytes: Ethernet, IPv4, UDP, 22 bytes of payload. */
    static byte[] ipv4Udp(int sourcePort, int destinationPort) {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_UDP, CLIENT_IP, SERVER_IP, IPV4_HEADER_BYTES + UDP_HEADER_BYTES + 22, 0)
                .udp(sourcePort, destinationPort, UDP_HEADER_BYTES + 22)
                .payload(22)
                .build();
    }

    /** 68 bytes: one 802.1Q tag (priority 5, VLAN 100) in front of IPv4/UDP. */
    static byte[] vlanIpv4Udp() {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).vlan(ETHERTYPE_VLAN, 5, 100).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_UDP, CLIENT_IP, SERVER_IP, IPV4_HEADER_BYTES + UDP_HEADER_BYTES + 22, 0)
                .udp(CLIENT_PORT, DNS_PORT, UDP_HEADER_BYTES + 22)
                .payload(22)
                .build();
    }

    /** Q-in-Q: an outer 802.1ad tag (priority 3, VLAN 300) and an inner 802.1Q tag (priority 6, VLAN 42). */
    static byte[] doubleVlanIpv4Tcp() {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC)
                .vlan(ETHERTYPE_QINQ, 3, 300).vlan(ETHERTYPE_VLAN, 6, 42).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_TCP, CLIENT_IP, SERVER_IP, IPV4_HEADER_BYTES + TCP_HEADER_BYTES + 4, 0)
                .tcp(CLIENT_PORT, HTTP_PORT, FrameHeaders.TCP_ACK | FrameHeaders.TCP_PSH)
                .payload(4)
                .build();
    }

    /** IPv6 with a hop-by-hop options header, then TCP with 8 bytes of payload. */
    static byte[] ipv6TcpWithHopByHop() {
        return ipv6TcpWithHopByHop(CLIENT_PORT, HTTP_PORT);
    }

    static byte[] ipv6TcpWithHopByHop(int sourcePort, int destinationPort) {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV6)
                .ipv6(IPV6_HOP_BY_HOP, 8 + TCP_HEADER_BYTES + 8, CLIENT_IP6, SERVER_IP6)
                .hopByHop(PROTOCOL_TCP)
                .tcp(sourcePort, destinationPort, TCP_SYN)
                .payload(8)
                .build();
    }

    /** The second fragment (offset 1480 bytes) of a UDP datagram over IPv6: no transport header in it. */
    static byte[] ipv6LaterFragment() {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV6)
                .ipv6(IPV6_FRAGMENT, 8 + 16, CLIENT_IP6, SERVER_IP6)
                .ipv6Fragment(PROTOCOL_UDP, 185, false)
                .payload(16)
                .build();
    }

    /** A broadcast ARP request, padded to the 60-byte Ethernet minimum. */
    static byte[] arpRequest() {
        return FrameBuilder.ethernet(MacAddress.BROADCAST, CLIENT_MAC).etherType(ETHERTYPE_ARP)
                .arpRequest(CLIENT_MAC, CLIENT_IP, SERVER_IP)
                .padTo(60)
                .build();
    }

    /** The last fragment (offset 1480 bytes) of a UDP datagram over IPv4, padded to 60 bytes. */
    static byte[] ipv4LaterFragment() {
        return FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_UDP, CLIENT_IP, SERVER_IP, IPV4_HEADER_BYTES + 16, 185)
                .payload(16)
                .padTo(60)
                .build();
    }

    /** Every sample above, by name. */
    static Map<String, byte[]> all() {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        frames.put("IPv4/TCP", ipv4TcpSyn());
        frames.put("IPv4/UDP", ipv4Udp(CLIENT_PORT, DNS_PORT));
        frames.put("VLAN IPv4/UDP", vlanIpv4Udp());
        frames.put("Q-in-Q IPv4/TCP", doubleVlanIpv4Tcp());
        frames.put("IPv6 hop-by-hop TCP", ipv6TcpWithHopByHop());
        frames.put("IPv6 later fragment", ipv6LaterFragment());
        frames.put("ARP", arpRequest());
        frames.put("IPv4 later fragment", ipv4LaterFragment());
        return frames;
    }
}
