package org.nicmanager.drivers.linux.nativeio;

/**
 * Numbers of the Linux ABI that this driver speaks: socket families and options from {@code <linux/if_packet.h>},
 * {@code <linux/netlink.h>} and {@code <linux/rtnetlink.h>}, the TPACKET_V2 frame header, and poll and mmap flags.
 */
public final class Abi {

    public static final int AF_PACKET = 17;
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    /** {@code htons(ETH_P_ALL)}: every protocol, in network byte order as socket() and bind() want it. */
    public static final int ETH_P_ALL_NETWORK_ORDER = 0x0300;

    public static final int SOL_PACKET = 263;
    public static final int PACKET_ADD_MEMBERSHIP = 1;
    public static final int PACKET_RX_RING = 5;
    public static final int PACKET_STATISTICS = 6;
    public static final int PACKET_VERSION = 10;
    public static final int PACKET_TX_RING = 13;
    public static final int PACKET_LOSS = 14;
    public static final int PACKET_IGNORE_OUTGOING = 23;
    public static final int PACKET_VNET_HDR = 15;
    /** Frames longer than a receive slot are also queued to the socket whole (status COPY), to be read with recv. */
    public static final int PACKET_COPY_THRESH = 7;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int PACKET_MR_PROMISC = 1;
    public static final int TPACKET_V2 = 1;

    /** {@code struct sockaddr_ll}. */
    public static final int SOCKADDR_LL_BYTES = 20;
    /** {@code struct tpacket2_hdr}. */
    public static final int TPACKET2_HEADER_BYTES = 32;
    /** Transmit data starts here in a TPACKET_V2 frame: {@code TPACKET2_HDRLEN - sizeof(struct sockaddr_ll)}. */
    public static final int TPACKET2_TX_DATA_OFFSET = 32;

    // tpacket2_hdr field offsets
    public static final int TP_STATUS = 0;
    public static final int TP_LEN = 4;
    public static final int TP_SNAPLEN = 8;
    public static final int TP_MAC = 12;
    public static final int TP_VLAN_TCI = 24;
    public static final int TP_VLAN_TPID = 26;

    // receive status bits
    public static final int TP_STATUS_KERNEL = 0;
    public static final int TP_STATUS_USER = 1;
    /** The slot holds the start of the frame; the whole frame waits in the socket's queue. */
    public static final int TP_STATUS_COPY = 2;
    public static final int TP_STATUS_VLAN_VALID = 0x10;
    public static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    // transmit status values
    public static final int TP_STATUS_AVAILABLE = 0;
    public static final int TP_STATUS_SEND_REQUEST = 1;
    public static final int TP_STATUS_SENDING = 2;
    public static final int TP_STATUS_WRONG_FORMAT = 4;

    public static final int PROT_READ_WRITE = 0x3;
    public static final int MAP_SHARED = 0x1;

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;

    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;

    private Abi() {
    }
}
