package org.nicmanager.drivers.linux.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * An AF_PACKET socket bound to one interface (SOCK_RAW, every protocol), with TPACKET_V2 receive and transmit rings in
 * one memory map, the interface in promiscuous mode through a packet membership (which the kernel drops when the socket
 * closes), {@code PACKET_LOSS} so that a malformed transmit frame is skipped rather than stalling the ring, and
 * {@code PACKET_IGNORE_OUTGOING} so that the socket does not hear its own transmissions.
 *
 * <p>Offloads travel with the frames both ways, as virtio headers ({@code PACKET_VNET_HDR}), when the kernel allows:
 * <ul>
 * <li>Received: each slot's frame comes after its header, which says whether its checksum is still to be completed
 * and whether it is a super-frame that GRO or the sender's TSO made. A frame longer than a slot (a super-frame) is
 * also queued to the socket whole ({@code PACKET_COPY_THRESH}); its slot says so (status COPY), and
 * {@link #receiveQueued} reads it. The queue may hold {@link #RECEIVE_QUEUE_BYTES}.</li>
 * <li>Sent: each transmit slot holds a header before its frame, so a pending checksum is completed by the kernel.
 * Super-frames, which do not fit a slot, go through a second socket on the interface, also with headers; it is
 * bound with protocol 0, so it receives nothing.</li>
 * </ul>
 * Without headers (a kernel that refuses the option) the NIC receives frames up to the MTU only and takes no offloaded
 * frames, and the bond settles them first.
 *
 * <p>The order matters (issue 15, pitfalls): the version before the rings; one mmap holding the receive ring and then
 * the transmit ring; bind after the rings exist, so that no frame lands in the socket's ordinary queue.
 */
public final class PacketSocket implements AutoCloseable {

    /** What the socket's queue may hold of received super-frames that did not fit a slot: 64 of 64 KB. */
    public static final int RECEIVE_QUEUE_BYTES = 4 * 1024 * 1024;
    private static final int VNET_HEADER_BYTES = 10;

    private final String interfaceName;
    private final int fd;
    private final Pointer map;
    private final long mapBytes;
    private final MappedRing receive;
    private final MappedRing transmit;
    /** The socket for offloaded frames, or -1 when the kernel refused one. */
    private final int offloadFd;
    /** The virtio header before each frame in both rings: 10 bytes, or 0 when the kernel refused them. */
    private final int vnetHeaderBytes;
    private boolean closed;
    private long kernelDrops;

    private PacketSocket(String interfaceName, int fd, Pointer map, long mapBytes, MappedRing receive,
            MappedRing transmit, int offloadFd, int vnetHeaderBytes) {
        this.interfaceName = interfaceName;
        this.fd = fd;
        this.map = map;
        this.mapBytes = mapBytes;
        this.receive = receive;
        this.transmit = transmit;
        this.offloadFd = offloadFd;
        this.vnetHeaderBytes = vnetHeaderBytes;
    }

    /**
     * Opens a socket on {@code facts}' interface with rings sized for its MTU.
     *
     * @throws IllegalArgumentException when this process lacks CAP_NET_RAW (named in the message)
     * @throws IllegalStateException when a system call fails for another reason (named, with its errno)
     */
    public static PacketSocket open(InterfaceFacts facts, int receiveFrames, int transmitFrames) {
        int fd = LinuxCalls.socket(Abi.AF_PACKET, Abi.SOCK_RAW | Abi.SOCK_CLOEXEC, Abi.ETH_P_ALL_NETWORK_ORDER);
        if (fd < 0) {
            throw RawSocketProbe.refusal(facts.name(), LinuxCalls.errno());
        }
        Pointer map = null;
        long mapBytes = 0;
        try {
            setInt(fd, Abi.PACKET_VERSION, Abi.TPACKET_V2, "PACKET_VERSION", facts.name());
            setInt(fd, Abi.PACKET_LOSS, 1, "PACKET_LOSS", facts.name());
            setInt(fd, Abi.PACKET_IGNORE_OUTGOING, 1, "PACKET_IGNORE_OUTGOING", facts.name());
            int vnetHeaderBytes = takeVirtioHeaders(fd) ? VNET_HEADER_BYTES : 0; // before the rings
            RingGeometry rx = RingGeometry.forMtu(facts.mtuBytes(), receiveFrames);
            RingGeometry tx = RingGeometry.forMtu(facts.mtuBytes(), transmitFrames);
            setRing(fd, Abi.PACKET_RX_RING, rx, "PACKET_RX_RING", facts.name());
            setRing(fd, Abi.PACKET_TX_RING, tx, "PACKET_TX_RING", facts.name());
            mapBytes = (long) rx.totalBytes() + tx.totalBytes();
            map = LinuxCalls.mmap(null, mapBytes, Abi.PROT_READ_WRITE, Abi.MAP_SHARED, fd, 0);
            if (map == null || Pointer.nativeValue(map) == -1L) {
                map = null;
                throw failure("mmap of the rings", facts.name(), LinuxCalls.errno());
            }
            bind(fd, facts);
            addPromiscuousMembership(fd, facts);
            ByteBuffer memory = map.getByteBuffer(0, mapBytes).order(ByteOrder.nativeOrder());
            return new PacketSocket(facts.name(), fd, map, mapBytes, new MappedRing(memory, 0, rx),
                    new MappedRing(memory, rx.totalBytes(), tx), openOffloadSocket(facts), vnetHeaderBytes);
        } catch (RuntimeException failed) {
            if (map != null) {
                LinuxCalls.munmap(map, mapBytes);
            }
            LinuxCalls.close(fd);
            throw failed;
        }
    }

    /**
     * Virtio headers in both rings, whole super-frames queued when longer than a slot, and a queue that holds 64 of
     * them (the forced size needs CAP_NET_ADMIN; without it the system's maximum applies). False when the kernel
     * refuses the headers: the socket then works without them.
     */
    private static boolean takeVirtioHeaders(int fd) {
        Memory value = new Memory(4);
        value.setInt(0, 1);
        if (LinuxCalls.setsockopt(fd, Abi.SOL_PACKET, Abi.PACKET_VNET_HDR, value, 4) != 0
                || LinuxCalls.setsockopt(fd, Abi.SOL_PACKET, Abi.PACKET_COPY_THRESH, value, 4) != 0) {
            return false;
        }
        value.setInt(0, RECEIVE_QUEUE_BYTES);
        if (LinuxCalls.setsockopt(fd, Abi.SOL_SOCKET, Abi.SO_RCVBUFFORCE, value, 4) != 0) {
            LinuxCalls.setsockopt(fd, Abi.SOL_SOCKET, Abi.SO_RCVBUF, value, 4); // capped by net.core.rmem_max
        }
        return true;
    }

    /** The second socket, for offloaded frames; -1 when this kernel refuses any step (the NIC then takes none). */
    private static int openOffloadSocket(InterfaceFacts facts) {
        int fd = LinuxCalls.socket(Abi.AF_PACKET, Abi.SOCK_RAW | Abi.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return -1;
        }
        Memory on = new Memory(4);
        on.setInt(0, 1);
        Memory address = new Memory(Abi.SOCKADDR_LL_BYTES);
        address.clear();
        address.setShort(0, (short) Abi.AF_PACKET);
        address.setInt(4, facts.index()); // protocol 0: nothing is received here
        if (LinuxCalls.setsockopt(fd, Abi.SOL_PACKET, Abi.PACKET_VNET_HDR, on, 4) != 0
                || LinuxCalls.bind(fd, address, Abi.SOCKADDR_LL_BYTES) != 0) {
            LinuxCalls.close(fd);
            return -1;
        }
        return fd;
    }

    private static void setInt(int fd, int option, int value, String what, String interfaceName) {
        Memory memory = new Memory(4);
        memory.setInt(0, value);
        if (LinuxCalls.setsockopt(fd, Abi.SOL_PACKET, option, memory, 4) != 0) {
            throw failure("setsockopt " + what, interfaceName, LinuxCalls.errno());
        }
    }

    private static void setRing(int fd, int option, RingGeometry geometry, String what, String interfaceName) {
        Memory request = new Memory(16); // struct tpacket_req
        request.setInt(0, geometry.blockBytes());
        request.setInt(4, geometry.blocks());
        request.setInt(8, geometry.frameBytes());
        request.setInt(12, geometry.frames());
        if (LinuxCalls.setsockopt(fd, Abi.SOL_PACKET, option, request, 16) != 0) {
            throw failure("setsockopt " + what + " " + geometry, interfaceName, LinuxCalls.errno());
        }
    }

    private static void bind(int fd, InterfaceFacts facts) {
        Memory address = new Memory(Abi.SOCKADDR_LL_BYTES);
        address.clear();
        address.setShort(0, (short) Abi.AF_PACKET);
        address.setShort(2, (short) Abi.ETH_P_ALL_NETWORK_ORDER);
        address.setInt(4, facts.index());
        if (LinuxCalls.bind(fd, address, Abi.SOCKADDR_LL_BYTES) != 0) {
            throw failure("bind", facts.name(), LinuxCalls.errno());
        }
    }

    private static void addPromiscuousMembership(int fd, InterfaceFacts facts) {
        Memory request = new Memory(16); // struct packet_mreq
        request.clear();
        request.setInt(0, facts.index());
        request.setShort(4, (short) Abi.PACKET_MR_PROMISC);
        if (LinuxCalls.setsockopt(fd, Abi.SOL_PACKET, Abi.PACKET_ADD_MEMBERSHIP, request, 16) != 0) {
            throw failure("setsockopt PACKET_ADD_MEMBERSHIP (promiscuous)", facts.name(), LinuxCalls.errno());
        }
    }

    static IllegalStateException failure(String call, String interfaceName, int errno) {
        return new IllegalStateException(call + " on interface '" + interfaceName + "' failed: "
                + LinuxCalls.describe(errno));
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int fd() {
        return fd;
    }

    public MappedRing receiveRing() {
        return receive;
    }

    public MappedRing transmitRing() {
        return transmit;
    }

    /**
     * Asks the kernel to send every frame marked SEND_REQUEST, without waiting: {@code sendto(fd, NULL, 0,
     * MSG_DONTWAIT, NULL, 0)}. Answers the bytes sent or -1 (see {@link LinuxCalls#errno()}).
     */
    public long flush() {
        return LinuxCalls.sendto(fd, null, 0, Abi.MSG_DONTWAIT, null, 0);
    }

    /** The virtio header before each frame in both rings: 10 bytes, or 0 without. */
    public int vnetHeaderBytes() {
        return vnetHeaderBytes;
    }

    /**
     * Reads the next frame queued whole (its slot said COPY), virtio header first, into {@code buffer}, without
     * waiting. Answers the bytes read (header included) or -1 (see {@link LinuxCalls#errno()}).
     */
    public long receiveQueued(Pointer buffer, int capacityBytes) {
        return LinuxCalls.recv(fd, buffer, capacityBytes, Abi.MSG_DONTWAIT);
    }

    /** True when frames with offloads can be sent ({@link #sendOffloaded}). */
    public boolean takesOffloadedFrames() {
        return offloadFd >= 0;
    }

    /**
     * Sends one frame preceded by its virtio header ({@code bytes} of {@code buffer}, header included) on the offload
     * socket; the kernel completes its checksum and cuts its segments. While the socket's send buffer is full it
     * waits if {@code mayWait}, else fails at once with EAGAIN. Answers the bytes sent or -1 (see
     * {@link LinuxCalls#errno()}).
     */
    public long sendOffloaded(Pointer buffer, int bytes, boolean mayWait) {
        return LinuxCalls.send(offloadFd, buffer, bytes, mayWait ? 0 : Abi.MSG_DONTWAIT);
    }

    /**
     * Frames the kernel dropped since the socket opened because the receive ring had no free slot (the receive thread
     * was behind): the kernel's {@code PACKET_STATISTICS} {@code tp_drops}, which reading resets, added up here.
     * Control path: a system call, and it allocates.
     */
    public synchronized long kernelDrops() {
        if (closed) {
            return kernelDrops;
        }
        Memory stats = new Memory(8); // struct tpacket_stats: tp_packets, tp_drops
        Memory length = new Memory(4);
        length.setInt(0, 8);
        if (LinuxCalls.getsockopt(fd, Abi.SOL_PACKET, Abi.PACKET_STATISTICS, stats, length) == 0) {
            kernelDrops += Integer.toUnsignedLong(stats.getInt(4));
        }
        return kernelDrops;
    }

    /** Unmaps the rings and closes the socket, once; the I/O threads must have stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LinuxCalls.munmap(map, mapBytes);
        LinuxCalls.close(fd);
        if (offloadFd >= 0) {
            LinuxCalls.close(offloadFd);
        }
    }
}
