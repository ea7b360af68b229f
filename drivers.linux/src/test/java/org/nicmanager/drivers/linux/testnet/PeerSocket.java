package org.nicmanager.drivers.linux.testnet;

import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Memory;

import org.nicmanager.drivers.linux.nativeio.Abi;
import org.nicmanager.drivers.linux.nativeio.LinuxCalls;

/**
 * The far end of a {@link VethPair}: a plain AF_PACKET socket, one system call per frame, opened inside the pair's
 * namespace by a thread that enters it (setns affects that thread alone) and then ends. Frames carry a test EtherType
 * and a sequence number, so that the tests can tell theirs from anything else on the wire and check order.
 */
public final class PeerSocket implements AutoCloseable {

    /** IEEE 802 local experimental EtherType 1. */
    public static final int TEST_ETHERTYPE = 0x88B5;
    public static final int SEQUENCE_OFFSET = 14;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SO_SNDBUFFORCE = 32;

    private final int fd;
    private final Memory frame = new Memory(70_000);
    private final Memory pollFd = new Memory(8);

    private PeerSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a socket bound to {@code pair}'s peer end, inside its namespace. */
    public static PeerSocket open(VethPair pair) throws InterruptedException {
        return open(pair, false);
    }

    /**
     * Opens a socket that sends with virtio headers ({@link #sendTcpSuperFrame}), as a guest's stack with TSO hands
     * frames over; it receives nothing.
     */
    public static PeerSocket openWithVirtioHeaders(VethPair pair) throws InterruptedException {
        return open(pair, true);
    }

    private static PeerSocket open(VethPair pair, boolean virtioHeaders) throws InterruptedException {
        AtomicInteger opened = new AtomicInteger(-1);
        StringBuilder problem = new StringBuilder();
        Thread entering = new Thread(() -> {
            int namespace = LinuxCalls.open("/run/netns/" + pair.namespace(), Abi.O_RDONLY | Abi.O_CLOEXEC);
            if (namespace < 0 || LinuxCalls.setns(namespace, Abi.CLONE_NEWNET) != 0) {
                problem.append("cannot enter namespace ").append(pair.namespace()).append(": ")
                        .append(LinuxCalls.describe(LinuxCalls.errno()));
                return;
            }
            LinuxCalls.close(namespace);
            int index = LinuxCalls.if_nametoindex(pair.peerEnd());
            int protocol = virtioHeaders ? 0 : Abi.ETH_P_ALL_NETWORK_ORDER;
            int fd = LinuxCalls.socket(Abi.AF_PACKET, Abi.SOCK_RAW | Abi.SOCK_CLOEXEC, protocol);
            if (virtioHeaders) {
                setInt(fd, Abi.SOL_PACKET, Abi.PACKET_VNET_HDR, 1);
            }
            Memory address = new Memory(Abi.SOCKADDR_LL_BYTES);
            address.clear();
            address.setShort(0, (short) Abi.AF_PACKET);
            address.setShort(2, (short) protocol);
            address.setInt(4, index);
            if (index == 0 || fd < 0 || LinuxCalls.bind(fd, address, Abi.SOCKADDR_LL_BYTES) != 0) {
                problem.append("cannot open a socket on ").append(pair.peerEnd()).append(": ")
                        .append(LinuxCalls.describe(LinuxCalls.errno()));
                return;
            }
            setInt(fd, SOL_SOCKET, SO_RCVBUFFORCE, 32 << 20);
            setInt(fd, SOL_SOCKET, SO_SNDBUFFORCE, 4 << 20);
            setInt(fd, Abi.SOL_PACKET, Abi.PACKET_IGNORE_OUTGOING, 1);
            opened.set(fd);
        }, "peer socket in " + pair.namespace());
        entering.start();
        entering.join();
        if (opened.get() < 0) {
            throw new IllegalStateException(problem.toString());
        }
        return new PeerSocket(opened.get());
    }

    private static void setInt(int fd, int level, int option, int value) {
        Memory memory = new Memory(4);
        memory.setInt(0, value);
        LinuxCalls.setsockopt(fd, level, option, memory, 4);
    }

    /** Sends one test frame of {@code lengthBytes} to the broadcast address, numbered {@code sequence}. */
    public void send(int sequence, int lengthBytes) {
        frame.clear(lengthBytes);
        for (int i = 0; i < 6; i++) {
            frame.setByte(i, (byte) 0xff);
        }
        frame.setByte(6, (byte) 0x02);
        frame.setByte(11, (byte) 0x01);
        frame.setShort(12, Short.reverseBytes((short) TEST_ETHERTYPE));
        frame.setInt(SEQUENCE_OFFSET, Integer.reverseBytes(sequence));
        while (LinuxCalls.send(fd, frame, lengthBytes, 0) < 0) {
            int errno = LinuxCalls.errno();
            if (errno != org.nicmanager.drivers.linux.nativeio.Errno.ENOBUFS
                    && errno != org.nicmanager.drivers.linux.nativeio.Errno.EAGAIN) {
                throw new IllegalStateException("send failed: " + LinuxCalls.describe(errno));
            }
            Thread.onSpinWait(); // the peer's queue is full: wait for it, never drop a test frame
        }
    }

    /**
     * Sends a broadcast TCP/IPv4 super-frame of {@code payloadBytes}, checksum pending, for the kernel to cut at
     * {@code mss}, after its virtio header; answers the frame's length without the header.
     */
    public int sendTcpSuperFrame(int payloadBytes, int mss) {
        int header = 10;
        int length = 14 + 20 + 20 + payloadBytes;
        frame.clear(header + length);
        frame.setByte(0, (byte) 1); // VIRTIO_NET_HDR_F_NEEDS_CSUM
        frame.setByte(1, (byte) 1); // VIRTIO_NET_HDR_GSO_TCPV4
        frame.setShort(2, (short) 54); // header length, little-endian like the rest
        frame.setShort(4, (short) mss);
        frame.setShort(6, (short) 34); // checksum start: the TCP header
        frame.setShort(8, (short) 16); // checksum offset in it
        for (int i = 0; i < 6; i++) {
            frame.setByte(header + i, (byte) 0xff);
        }
        frame.setByte(header + 6, (byte) 0x02);
        frame.setByte(header + 11, (byte) 0x01);
        frame.setShort(header + 12, Short.reverseBytes((short) 0x0800));
        frame.setByte(header + 14, (byte) 0x45);
        frame.setShort(header + 16, Short.reverseBytes((short) (length - 14)));
        frame.setByte(header + 22, (byte) 64);
        frame.setByte(header + 23, (byte) 6);
        frame.setInt(header + 26, Integer.reverseBytes(0x0a000001));
        frame.setInt(header + 30, Integer.reverseBytes(0x0a000002));
        frame.setByte(header + 46, (byte) 0x50); // TCP header of 20 bytes
        frame.setByte(header + 47, (byte) 0x10); // ACK
        if (LinuxCalls.send(fd, frame, header + length, 0) < 0) {
            throw new IllegalStateException("send failed: " + LinuxCalls.describe(LinuxCalls.errno()));
        }
        return length;
    }

    /**
     * The sequence number of the next test frame that arrives within {@code timeoutMillis}, or -1. Frames with another
     * EtherType are skipped.
     */
    public int receiveSequence(int timeoutMillis) {
        while (true) {
            pollFd.setInt(0, fd);
            pollFd.setShort(4, Abi.POLLIN);
            pollFd.setShort(6, (short) 0);
            if (LinuxCalls.poll(pollFd, 1, timeoutMillis) <= 0) {
                return -1;
            }
            long length = LinuxCalls.recv(fd, frame, 2048, Abi.MSG_DONTWAIT);
            if (length >= SEQUENCE_OFFSET + 4
                    && Short.toUnsignedInt(Short.reverseBytes(frame.getShort(12))) == TEST_ETHERTYPE) {
                return Integer.reverseBytes(frame.getInt(SEQUENCE_OFFSET));
            }
        }
    }

    @Override
    public void close() {
        LinuxCalls.close(fd);
    }
}
