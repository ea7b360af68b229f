package org.nicmanager.kernel.api.distribution;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The facts of one outgoing frame a policy may choose by: read in place from the frame's headers, parsed once by the
 * NIC manager; the flow hash is computed once per frame. Valid only during the {@link BondDistributor} call it is
 * passed to (the NIC manager reuses one instance).
 */
@ProviderType
public interface FrameFacts {

    /** Value of {@link #sourcePort()} for a frame no virtual NIC sent. */
    int NO_PORT = -1;
    /** {@link #protocol()} of TCP. */
    int PROTOCOL_TCP = 6;

    /** The virtual NIC port the frame came from, or {@link #NO_PORT}. */
    int sourcePort();

    /** The frame's length in bytes, Ethernet header included, FCS excluded. */
    int lengthBytes();

    /** A hash of addresses, protocol and ports (of the MACs when the frame carries no IP), well mixed. */
    long flowHash();

    /** The source MAC address in the low 48 bits. */
    long sourceMac();

    /** The destination MAC address in the low 48 bits. */
    long destinationMac();

    /** 4, 6, or 0 when the frame carries no IP. */
    int ipVersion();

    /** The IP protocol (6 TCP, 17 UDP), or 0 without IP. */
    int protocol();

    /** The source IP address folded into 64 bits (IPv4 unsigned; IPv6 halves h0 * 131 ^ h1), or 0 without IP. */
    long ipSourceKey();

    /** The destination IP address, folded as {@link #ipSourceKey()}. */
    long ipDestinationKey();
}
