package org.nicmanager.drivers.linux.nativeio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

/**
 * Reports an interface's offloads for {@code linux:list}, through the ethtool ioctl ({@code SIOCETHTOOL}), no
 * {@code ethtool} program needed, and turns GRO off where the host cannot take what it makes. GRO merges received
 * segments into frames far larger than the MTU: a socket with virtio headers receives them whole, as super-frames, so
 * GRO is left as it is; a socket without them would have them cut short by its ring's slots (issue 15, pitfalls), so
 * GRO is turned off. GSO and TSO stay as they are, and are reported: they only act on super-frames, which the host
 * sends with their virtio header, and with TSO on the interface carries them whole (a veth hands them to its peer in
 * one piece), where with it off the kernel cuts them. What was done is reported, not hidden.
 */
public final class Offloads {

    private static final long SIOCETHTOOL = 0x8946;
    private static final int IFREQ_BYTES = 40;
    private static final int IFNAMSIZ = 16;

    /** An offload and its ethtool get and set commands. */
    private enum Feature {
        GRO(0x2b, 0x2c), GSO(0x23, 0x24), TSO(0x1e, 0x1f);

        final int get;
        final int set;

        Feature(int get, int set) {
            this.get = get;
            this.set = set;
        }
    }

    private Offloads() {
    }

    /**
     * Reads GSO and TSO on {@code interfaceName}, and GRO, which it turns off unless {@code receivesSuperFrames}, using
     * {@code fd} (any socket) for the ioctl. Never throws: a feature the device cannot change, or a missing
     * CAP_NET_ADMIN, is reported in the answer.
     *
     * @return e.g. "gro off (was on), gso on, tso on", or "gro on (super-frames received whole), gso on, tso on"
     */
    public static String prepare(int fd, String interfaceName, boolean receivesSuperFrames) {
        List<String> report = new ArrayList<>();
        report.add(receivesSuperFrames ? state(fd, interfaceName, Feature.GRO) + " (super-frames received whole)"
                : turnOff(fd, interfaceName, Feature.GRO));
        report.add(state(fd, interfaceName, Feature.GSO));
        report.add(state(fd, interfaceName, Feature.TSO));
        return String.join(", ", report);
    }

    private static String state(int fd, String interfaceName, Feature feature) {
        String name = feature.name().toLowerCase(java.util.Locale.ROOT);
        int value = call(fd, interfaceName, feature.get, 0);
        if (value < 0) {
            return name + " unknown (" + LinuxCalls.describe(-value) + ")";
        }
        return name + (value == 0 ? " off" : " on");
    }

    private static String turnOff(int fd, String interfaceName, Feature feature) {
        String name = feature.name().toLowerCase(java.util.Locale.ROOT);
        int before = call(fd, interfaceName, feature.get, 0);
        if (before < 0) {
            return name + " unknown (" + LinuxCalls.describe(-before) + ")";
        }
        if (before == 0) {
            return name + " off (was off)";
        }
        int set = call(fd, interfaceName, feature.set, 0);
        if (set < 0) {
            return name + " left on (" + LinuxCalls.describe(-set)
                    + (-set == Errno.EPERM ? "; changing it needs CAP_NET_ADMIN" : "") + ")";
        }
        int after = call(fd, interfaceName, feature.get, 0);
        return after == 0 ? name + " off (was on)" : name + " left on (the device keeps it)";
    }

    /** One {@code struct ethtool_value} command; answers its data, or minus the errno. */
    private static int call(int fd, String interfaceName, int command, int data) {
        Memory value = new Memory(8);
        value.setInt(0, command);
        value.setInt(4, data);
        Memory request = new Memory(IFREQ_BYTES);
        request.clear();
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        request.write(0, name, 0, Math.min(name.length, IFNAMSIZ - 1));
        request.setPointer(IFNAMSIZ, value);
        if (LinuxCalls.ioctl(fd, SIOCETHTOOL, request) != 0) {
            return -LinuxCalls.errno();
        }
        return value.getInt(4);
    }
}
