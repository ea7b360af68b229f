package org.nicmanager.drivers.linux.nativeio;

import com.sun.jna.Memory;

/**
 * An rtnetlink socket subscribed to link notifications (RTMGRP_LINK): the kernel tells it of every change of an
 * interface's flags, carrier included, as it happens. No polling of {@code /sys}. {@link #await} and {@link #read}
 * are for one thread; the buffer is made once.
 */
public final class LinkNotifications implements AutoCloseable {

    /** What one notification says: the interface and whether it is up with a carrier; {@code removed} if deleted. */
    @FunctionalInterface
    public interface Receiver {
        void linkChanged(int interfaceIndex, boolean carrier, boolean removed);
    }

    private static final int NETLINK_ROUTE = 0;
    private static final int RTMGRP_LINK = 1;
    private static final int SOCKADDR_NL_BYTES = 12;
    private static final int NLMSG_HEADER_BYTES = 16;
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int IFF_UP = 0x1;
    private static final int IFF_LOWER_UP = 0x10000;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final int fd;
    private final Memory buffer = new Memory(BUFFER_BYTES);
    private final Memory pollFds = new Memory(16);
    private boolean closed;

    public LinkNotifications() {
        fd = LinuxCalls.socket(Abi.AF_NETLINK, Abi.SOCK_RAW | Abi.SOCK_CLOEXEC, NETLINK_ROUTE);
        if (fd < 0) {
            throw new IllegalStateException("socket(AF_NETLINK, NETLINK_ROUTE) failed: "
                    + LinuxCalls.describe(LinuxCalls.errno()));
        }
        Memory address = new Memory(SOCKADDR_NL_BYTES);
        address.clear();
        address.setShort(0, (short) Abi.AF_NETLINK);
        address.setInt(8, RTMGRP_LINK);
        if (LinuxCalls.bind(fd, address, SOCKADDR_NL_BYTES) != 0) {
            int errno = LinuxCalls.errno();
            LinuxCalls.close(fd);
            throw new IllegalStateException("bind to rtnetlink link notifications failed: "
                    + LinuxCalls.describe(errno));
        }
    }

    /** Waits for notifications or for {@code wakeUp}; answers true when the wake-up was signalled (and consumes it). */
    public boolean await(WakeUp wakeUp) {
        pollFds.setInt(0, fd);
        pollFds.setShort(4, Abi.POLLIN);
        pollFds.setShort(6, (short) 0);
        pollFds.setInt(8, wakeUp.fd());
        pollFds.setShort(12, Abi.POLLIN);
        pollFds.setShort(14, (short) 0);
        if (LinuxCalls.poll(pollFds, 2, -1) <= 0) {
            return false;
        }
        if ((pollFds.getShort(14) & Abi.POLLIN) != 0) {
            wakeUp.consume();
            return true;
        }
        return false;
    }

    /** Reads what has arrived, without waiting, and hands each link notification to {@code receiver}. */
    public void read(Receiver receiver) {
        long received;
        while ((received = LinuxCalls.recv(fd, buffer, BUFFER_BYTES, Abi.MSG_DONTWAIT)) > 0) {
            int offset = 0;
            while (offset + NLMSG_HEADER_BYTES <= received) {
                int length = buffer.getInt(offset);
                int type = Short.toUnsignedInt(buffer.getShort(offset + 4));
                if (length < NLMSG_HEADER_BYTES || offset + length > received) {
                    break; // truncated or malformed: drop the rest of this datagram
                }
                if ((type == RTM_NEWLINK || type == RTM_DELLINK) && length >= NLMSG_HEADER_BYTES + 16) {
                    // struct ifinfomsg: family, pad, type (2), index (4), flags (4), change (4)
                    int index = buffer.getInt(offset + NLMSG_HEADER_BYTES + 4);
                    int flags = buffer.getInt(offset + NLMSG_HEADER_BYTES + 8);
                    boolean removed = type == RTM_DELLINK;
                    receiver.linkChanged(index, !removed && (flags & IFF_UP) != 0 && (flags & IFF_LOWER_UP) != 0,
                            removed);
                }
                offset += (length + 3) & ~3;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LinuxCalls.close(fd);
        }
    }
}
