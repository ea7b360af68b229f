package org.nicmanager.vmm.backends.tap;

import java.util.regex.Pattern;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Opens a Linux TAP device: {@code open("/dev/net/tun")} then {@code ioctl(TUNSETIFF)} with
 * {@code IFF_TAP | IFF_NO_PI}, so that each read or write is one whole Ethernet frame. The device is not persistent:
 * it exists while its descriptor is open, and disappears when the virtual NIC closes it. It may be moved into another
 * network namespace after it is opened, and the descriptor keeps working there.
 */
final class TapDevice {

    /** Interface names are at most 15 bytes (IFNAMSIZ less the NUL). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final long TUNSETIFF = 0x400454caL;
    /** The tun driver answers these on its own descriptor, wherever the device's namespace is now. */
    private static final long SIOCSIFHWADDR = 0x8924L;
    private static final long SIOCGIFHWADDR = 0x8927L;
    private static final short ARPHRD_ETHER = 1;
    /** In {@code struct ifreq}: the union's {@code sockaddr}, family then data (the MAC). */
    private static final int IFREQ_FAMILY_OFFSET = 16;
    private static final int IFREQ_MAC_OFFSET = 18;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final short IFF_VNET_HDR = 0x4000;
    private static final long TUNSETOFFLOAD = 0x400454d0L;
    /** TUN_F_CSUM, TUN_F_TSO4, TUN_F_TSO6, TUN_F_TSO_ECN: what this side of the device can finish for the guest. */
    private static final long CHECKSUM_AND_TCP_SEGMENTATION = 0x01 | 0x02 | 0x04 | 0x08;
    private static final int IFREQ_BYTES = 40;
    private static final int IFREQ_FLAGS_OFFSET = 16;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int EACCES = 13;

    private TapDevice() {
    }

    /** An {@code ifreq} for {@link #mac}, made once per device so that reading the MAC allocates nothing. */
    static Memory macRequest() {
        return new Memory(IFREQ_BYTES);
    }

    /** The device's MAC now (the guest may have set another), or -1 when the device cannot say. */
    static long mac(int fd, Memory request) {
        request.clear();
        if (LinuxCalls.ioctl(fd, SIOCGIFHWADDR, request) < 0) {
            return -1;
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | request.getByte(IFREQ_MAC_OFFSET + i) & 0xff;
        }
        return mac;
    }

    /**
     * Gives the device the virtual NIC's MAC, so that its guest starts with the MAC its port knows it by, as QEMU does
     * for its guests.
     *
     * @throws IllegalArgumentException when the driver refuses it, with the errno
     */
    static void setMac(int fd, String name, long mac) {
        Memory request = new Memory(IFREQ_BYTES);
        request.clear();
        request.setShort(IFREQ_FAMILY_OFFSET, ARPHRD_ETHER);
        for (int i = 0; i < 6; i++) {
            request.setByte(IFREQ_MAC_OFFSET + i, (byte) (mac >>> (40 - 8 * i)));
        }
        if (LinuxCalls.ioctl(fd, SIOCSIFHWADDR, request) < 0) {
            throw new IllegalArgumentException("cannot give TAP device '" + name + "' the virtual NIC's MAC: errno "
                    + LinuxCalls.errno());
        }
    }

    /**
     * @param offloads with a virtio header before each frame ({@code IFF_VNET_HDR}), and the guest told that its
     *        checksums and TCP segmentation may be left to this side ({@code TUNSETOFFLOAD}): it then sends 64 KB
     *        super-frames, as it would to a virtio NIC
     * @return the open descriptor, non-blocking
     * @throws IllegalArgumentException naming the value and what is allowed: a bad name, a name in use, a missing
     *         capability
     */
    static int open(String name, boolean offloads) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad --tap '" + (name == null ? "" : name) + "': a TAP device's name is"
                    + " 1 to 15 letters, digits, '_', '.' or '-', e.g. nmtap0");
        }
        int fd = LinuxCalls.open("/dev/net/tun", LinuxCalls.O_RDWR | LinuxCalls.O_NONBLOCK | LinuxCalls.O_CLOEXEC);
        if (fd < 0) {
            throw new IllegalArgumentException(openFailure(LinuxCalls.errno()));
        }
        Memory request = new Memory(IFREQ_BYTES);
        request.clear();
        request.setString(0, name, "US-ASCII");
        request.setShort(IFREQ_FLAGS_OFFSET, (short) (IFF_TAP | IFF_NO_PI | (offloads ? IFF_VNET_HDR : 0)));
        if (LinuxCalls.ioctl(fd, TUNSETIFF, request) < 0) {
            int errno = LinuxCalls.errno();
            LinuxCalls.close(fd);
            throw new IllegalArgumentException(attachFailure(name, errno));
        }
        // The argument is the flags themselves, not a pointer to them.
        if (offloads && LinuxCalls.ioctl(fd, TUNSETOFFLOAD, new Pointer(CHECKSUM_AND_TCP_SEGMENTATION)) < 0) {
            int errno = LinuxCalls.errno();
            LinuxCalls.close(fd);
            throw new IllegalArgumentException("TAP device '" + name + "' refused offloads (TUNSETOFFLOAD): errno "
                    + errno + "; use --offloads off");
        }
        return fd;
    }

    static String openFailure(int errno) {
        return switch (errno) {
            case ENOENT -> "cannot open /dev/net/tun: it does not exist; this kernel has no TUN/TAP driver";
            case EPERM, EACCES -> "cannot open /dev/net/tun: permission denied; the tap back end needs CAP_NET_ADMIN";
            default -> "cannot open /dev/net/tun: errno " + errno;
        };
    }

    static String attachFailure(String name, int errno) {
        return switch (errno) {
            case EPERM -> "cannot create TAP device '" + name + "': the tap back end needs the CAP_NET_ADMIN"
                    + " capability (run as root, or grant it: setcap cap_net_admin+ep on the java binary)";
            case EBUSY -> "TAP name '" + name + "' is in use: another process (or virtual NIC) holds that TAP device;"
                    + " choose another name";
            case EINVAL -> "TAP name '" + name + "' is in use by a network interface that is not a TAP device;"
                    + " choose a name no interface has (see ip link)";
            default -> "cannot create TAP device '" + name + "': errno " + errno;
        };
    }
}
