package org.nicmanager.kernel.api.frame;

/**
 * What parsing a frame's headers found ({@link FrameHeaders#verdict()}): a well-formed frame, or the first reason it
 * is malformed.
 */
public enum FrameVerdict {
    OK,
    /** The buffer's length is negative or beyond its capacity. */
    BAD_BUFFER_LENGTH,
    /** Shorter than the 14-byte Ethernet header. */
    TRUNCATED_ETHERNET,
    /** A VLAN tag announced but not complete. */
    TRUNCATED_VLAN,
    /** EtherType IPv4 but fewer than 20 bytes of IP header. */
    TRUNCATED_IPV4,
    /** IPv4 version field is not 4. */
    BAD_IPV4_VERSION,
    /** IPv4 header length (IHL) below 5 words. */
    BAD_IHL,
    /** IPv4 header length (IHL) runs past the end of the frame. */
    TRUNCATED_IPV4_OPTIONS,
    /** IPv4 total length shorter than its own header. */
    IPV4_LENGTH_SHORTER_THAN_HEADER,
    /** IPv4 total length runs past the end of the frame. */
    IPV4_LENGTH_BEYOND_FRAME,
    /** EtherType IPv6 but fewer than 40 bytes of IP header. */
    TRUNCATED_IPV6,
    /** IPv6 version field is not 6. */
    BAD_IPV6_VERSION,
    /** IPv6 payload length runs past the end of the frame. */
    IPV6_LENGTH_BEYOND_FRAME,
    /** An IPv6 extension header runs past the end of the packet, or the chain is too long. */
    BAD_IPV6_EXTENSION,
    /** Protocol TCP but fewer than 20 bytes of TCP header. */
    TRUNCATED_TCP,
    /** TCP data offset below 5 words, or past the end of the packet. */
    BAD_TCP_DATA_OFFSET,
    /** Protocol UDP but fewer than 8 bytes of UDP header. */
    TRUNCATED_UDP,
    /** UDP length field shorter than the UDP header or past the end of the packet. */
    BAD_UDP_LENGTH
}
