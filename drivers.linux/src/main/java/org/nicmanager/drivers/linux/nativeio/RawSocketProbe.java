package org.nicmanager.drivers.linux.nativeio;

/** Checks, before anything is configured, that this process may open raw packet sockets at all. */
public final class RawSocketProbe {

    private RawSocketProbe() {
    }

    /**
     * Opens and closes an unbound AF_PACKET socket.
     *
     * @throws IllegalArgumentException naming CAP_NET_RAW when the kernel refuses it for want of privilege
     */
    public static void requireRawSockets(String interfaceName) {
        int fd = LinuxCalls.socket(Abi.AF_PACKET, Abi.SOCK_RAW | Abi.SOCK_CLOEXEC, 0);
        if (fd >= 0) {
            LinuxCalls.close(fd);
            return;
        }
        throw refusal(interfaceName, LinuxCalls.errno());
    }

    /**
     * What a failed {@code socket(AF_PACKET, ...)} means: a refusal naming CAP_NET_RAW for want of privilege, else a
     * failure naming the errno.
     */
    static RuntimeException refusal(String interfaceName, int errno) {
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return new IllegalArgumentException("interface '" + interfaceName + "' cannot be used: a raw socket needs"
                    + " the capability CAP_NET_RAW, which this process lacks (" + LinuxCalls.describe(errno)
                    + "); run the host as root or grant it CAP_NET_RAW and CAP_NET_ADMIN");
        }
        return new IllegalStateException("socket(AF_PACKET, SOCK_RAW) for interface '" + interfaceName + "' failed: "
                + LinuxCalls.describe(errno));
    }
}
