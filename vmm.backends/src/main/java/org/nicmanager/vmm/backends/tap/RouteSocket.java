package org.nicmanager.vmm.backends.tap;

import com.sun.jna.Memory;

/**
 * An rtnetlink socket in the host's own namespace, never another's (a socket would keep a namespace it was made in
 * alive, and with it the TAP device, after the guest's namespace was deleted). Either for events: subscribed to link
 * and namespace-id notifications ({@code RTMGRP_LINK}, {@code RTNLGRP_NSID}) of every namespace that has an id here
 * ({@code NETLINK_LISTEN_ALL_NSID}), each datagram read with the id of the namespace it came from; or for requests,
 * answered in {@link #read} at once (the kernel answers an rtnetlink request before {@code send} returns). One thread
 * uses it; the buffers are made once.
 */
final class RouteSocket implements AutoCloseable {

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    private static final int RTMGRP_LINK = 1;
    private static final int RTNLGRP_NSID = 28;
    private static final int SOCKADDR_NL_BYTES = 12;
    private static final int BUFFER_BYTES = 32 * 1024;
    private static final int CONTROL_BYTES = 64;
    /** {@code struct msghdr} on LP64: name, namelen (+pad), iov, iovlen, control, controllen, flags (+pad). */
    private static final int MSGHDR_BYTES = 56;
    private static final int MSG_IOV_OFFSET = 16;
    private static final int MSG_IOVLEN_OFFSET = 24;
    private static final int MSG_CONTROL_OFFSET = 32;
    private static final int MSG_CONTROLLEN_OFFSET = 40;
    /** {@code struct cmsghdr}: len (size_t), level, type, then the data, 8-byte aligned. */
    private static final int CMSG_HEADER_BYTES = 16;
    private static final int POLLFD_BYTES = 8;

    private final int fd;
    private final Memory buffer = new Memory(BUFFER_BYTES);
    private final Memory control = new Memory(CONTROL_BYTES);
    private final Memory message = new Memory(MSGHDR_BYTES);
    private final Memory vector = new Memory(16);
    private final Memory pollSet = new Memory(2 * POLLFD_BYTES);
    private int sequence;

    private RouteSocket(int fd) {
        this.fd = fd;
        message.clear();
        vector.setPointer(0, buffer);
        vector.setLong(8, BUFFER_BYTES);
        message.setPointer(MSG_IOV_OFFSET, vector);
        message.setLong(MSG_IOVLEN_OFFSET, 1);
        message.setPointer(MSG_CONTROL_OFFSET, control);
    }

    /** @throws IllegalStateException naming the call that failed and its errno */
    static RouteSocket forEvents() {
        RouteSocket socket = open(RTMGRP_LINK | 1 << (RTNLGRP_NSID - 1));
        Memory on = new Memory(4);
        on.setInt(0, 1);
        if (NetlinkCalls.setsockopt(socket.fd, NetlinkCalls.SOL_NETLINK, NetlinkCalls.NETLINK_LISTEN_ALL_NSID, on,
                4) != 0) {
            int errno = LinuxCalls.errno();
            socket.close();
            throw new IllegalStateException("setsockopt NETLINK_LISTEN_ALL_NSID: errno " + errno
                    + (errno == TapDevice.EPERM ? " (needs CAP_NET_BROADCAST)" : ""));
        }
        return socket;
    }

    /** @throws IllegalStateException naming the call that failed and its errno */
    static RouteSocket forRequests() {
        return open(0);
    }

    private static RouteSocket open(int groups) {
        int fd = NetlinkCalls.socket(NetlinkCalls.AF_NETLINK, NetlinkCalls.SOCK_RAW | NetlinkCalls.SOCK_CLOEXEC,
                NetlinkCalls.NETLINK_ROUTE);
        if (fd < 0) {
            throw new IllegalStateException("socket(AF_NETLINK, NETLINK_ROUTE): errno " + LinuxCalls.errno());
        }
        Memory address = new Memory(SOCKADDR_NL_BYTES);
        address.clear();
        address.setShort(0, (short) NetlinkCalls.AF_NETLINK);
        address.setInt(8, groups);
        if (NetlinkCalls.bind(fd, address, SOCKADDR_NL_BYTES) != 0) {
            int errno = LinuxCalls.errno();
            LinuxCalls.close(fd);
            throw new IllegalStateException("bind to rtnetlink: errno " + errno);
        }
        return new RouteSocket(fd);
    }

    /**
     * Sends the request of {@code bytes} in {@code request}, whose header it completes (length, sequence).
     *
     * @return the request's sequence number, which its answers carry
     */
    int send(Memory request, int bytes) {
        request.setInt(0, bytes);
        request.setInt(8, ++sequence);
        if (NetlinkCalls.send(fd, request, bytes, 0) < 0) {
            throw new IllegalStateException("rtnetlink request " + request.getShort(4) + ": errno "
                    + LinuxCalls.errno());
        }
        return sequence;
    }

    /** Waits until messages arrive or {@code wakeFd} is signalled; true when it was (the signal is not drained). */
    boolean await(int wakeFd) {
        pollSet.clear();
        pollSet.setInt(0, fd);
        pollSet.setShort(4, LinuxCalls.POLLIN);
        pollSet.setInt(POLLFD_BYTES, wakeFd);
        pollSet.setShort(POLLFD_BYTES + 4, LinuxCalls.POLLIN);
        LinuxCalls.poll(pollSet, 2, -1);
        return pollSet.getShort(POLLFD_BYTES + 6) != 0;
    }

    /**
     * Reads every datagram waiting now, without blocking, into {@code reader}.
     *
     * @return false when the kernel dropped notifications for want of room (ENOBUFS): what was lost must be asked for
     */
    boolean read(LinkMessages.Reader reader) {
        while (true) {
            message.setLong(MSG_CONTROLLEN_OFFSET, CONTROL_BYTES);
            long received = NetlinkCalls.recvmsg(fd, message, NetlinkCalls.MSG_DONTWAIT);
            if (received > 0) {
                LinkMessages.read(buffer, (int) received, sourceNamespaceId(), reader);
                continue;
            }
            if (received < 0 && LinuxCalls.errno() == NetlinkCalls.ENOBUFS) {
                return false;
            }
            return true; // EAGAIN: nothing more now
        }
    }

    /** The namespace id the kernel put beside the datagram just read; none: the socket's own namespace's. */
    private int sourceNamespaceId() {
        long controlBytes = message.getLong(MSG_CONTROLLEN_OFFSET);
        for (long at = 0; at + CMSG_HEADER_BYTES <= controlBytes;) {
            long length = control.getLong(at);
            if (length < CMSG_HEADER_BYTES) {
                break;
            }
            if (control.getInt(at + 8) == NetlinkCalls.SOL_NETLINK
                    && control.getInt(at + 12) == NetlinkCalls.NETLINK_LISTEN_ALL_NSID && length >= 20) {
                return control.getInt(at + CMSG_HEADER_BYTES);
            }
            at += (length + 7) & ~7L;
        }
        return LinkMessages.NSID_NOT_ASSIGNED;
    }

    @Override
    public void close() {
        LinuxCalls.close(fd);
    }
}
