package org.nicmanager.kernel.api.frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of one frame's headers, already parsed: Ethernet, up to two VLAN tags, IPv4 or IPv6 (with extension
 * headers), and TCP or UDP ports. It is how the kernel hands a parsed frame to a plugin (a DoS detector's tap, a
 * load-distribution policy), so that no plugin parses a frame the kernel has already parsed (patent [0083]).
 *
 * <p>Fields are read in place from the frame's bytes. A view is valid only during the call it is passed to, on the
 * thread that made the call: its owner reuses it for the next frame. The accessors are meaningful only when
 * {@link #valid()}; the parser that fills a view is the owner's, not part of this contract.
 */
@ProviderType
public interface FrameHeaders {

    int ETHERTYPE_IPV4 = 0x0800;
    int ETHERTYPE_ARP = 0x0806;
    int ETHERTYPE_RARP = 0x8035;
    int ETHERTYPE_VLAN = 0x8100;
    int ETHERTYPE_QINQ = 0x88A8;
    int ETHERTYPE_IPV6 = 0x86DD;
    int ETHERTYPE_SLOW_PROTOCOLS = 0x8809;

    int PROTOCOL_ICMP = 1;
    int PROTOCOL_TCP = 6;
    int PROTOCOL_UDP = 17;
    int PROTOCOL_ICMPV6 = 58;

    int TCP_FIN = 0x01;
    int TCP_SYN = 0x02;
    int TCP_RST = 0x04;
    int TCP_PSH = 0x08;
    int TCP_ACK = 0x10;

    /** Marks an absent header or field. */
    int ABSENT = -1;

    /** The verdict of the parse: {@link FrameVerdict#OK} or the first defect found. */
    FrameVerdict verdict();

    /** Whether the verdict is {@link FrameVerdict#OK}. */
    boolean valid();

    /** The frame's length in bytes. */
    int length();

    /** Destination MAC as the low 48 bits of a long. */
    long destinationMac();

    /** Source MAC as the low 48 bits of a long. */
    long sourceMac();

    /** True when the destination is the broadcast MAC. */
    boolean isBroadcast();

    /** True for multicast and broadcast destinations (the group bit of the first octet). */
    boolean isMulticast();

    /** The EtherType after any VLAN tags, or {@link #ABSENT}. */
    int etherType();

    /** Number of VLAN tags, 0..2. */
    int vlanCount();

    /** VLAN id of the outer tag (0..4095), or {@link #ABSENT}. */
    int vlanId();

    /** 802.1p priority of the outer tag (0..7), or {@link #ABSENT}. */
    int vlanPriority();

    /** 4, 6, or 0 when the frame carries no IP packet. */
    int ipVersion();

    /** IP protocol (IPv6: the header after the extension chain), or {@link #ABSENT}. */
    int protocol();

    /** IPv4 source address, or 0 when not IPv4. */
    int ipv4Source();

    /** IPv4 destination address, or 0 when not IPv4. */
    int ipv4Destination();

    /** High (0) or low (1) 64 bits of the IPv6 source address; 0 when not IPv6. */
    long ipv6Source(int half);

    /** High (0) or low (1) 64 bits of the IPv6 destination address; 0 when not IPv6. */
    long ipv6Destination(int half);

    /** TCP or UDP source port, or {@link #ABSENT}. */
    int sourcePort();

    /** TCP or UDP destination port, or {@link #ABSENT}. */
    int destinationPort();

    /** TCP flags (FIN, SYN, RST, PSH, ACK, ...), or 0 when not TCP. */
    int tcpFlags();

    /** True for a TCP SYN without ACK: the opening of a connection. */
    boolean isTcpSyn();

    /** Offset of the first byte after the outermost Ethernet header (and tags). */
    int l3Offset();

    /** Offset of the transport header, or {@link #ABSENT}. */
    int l4Offset();

    /** Offset of the first byte after the last header this view understands. */
    int payloadOffset();

    /** Offset one past the last byte of the L3 packet (Ethernet padding excluded for IP). */
    int l3End();

    /** A well-mixed hash of addresses, protocol and ports (MACs for non-IP frames), computed once per parse. */
    long flowHash();
}
