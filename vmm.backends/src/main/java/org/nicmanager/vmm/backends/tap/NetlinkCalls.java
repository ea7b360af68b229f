package org.nicmanager.vmm.backends.tap;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The native calls that watching a TAP device's link in whatever network namespace it is needs, beside
 * {@link LinuxCalls}: a netlink socket's own calls. JNA's direct mapping, as there.
 */
final class NetlinkCalls {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_NETLINK = 270;
    static final int NETLINK_LISTEN_ALL_NSID = 8;
    static final int MSG_DONTWAIT = 0x40;
    static final int F_DUPFD_CLOEXEC = 1030;

    static final int ENODEV = 19;
    static final int EEXIST = 17;
    static final int EBADFD = 77;
    static final int ENOBUFS = 105;

    static {
        Native.register(NetlinkCalls.class, NativeLibrary.getInstance("c"));
    }

    private NetlinkCalls() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer address, int addressBytes);

    static native long send(int fd, Pointer buffer, long lengthBytes, int flags);

    static native long recv(int fd, Pointer buffer, long lengthBytes, int flags);

    static native long recvmsg(int fd, Pointer message, int flags);

    static native int setsockopt(int fd, int level, int option, Pointer value, int valueBytes);

    /** {@code fcntl(fd, command, argument)}: variadic in C, called with one int, which the x86-64 ABI allows. */
    static native int fcntl(int fd, int command, int argument);
}
