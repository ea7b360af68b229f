package org.nicmanager.drivers.linux.nativeio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel says about one network interface of this process's namespace, read from {@code /sys/class/net}: its
 * index, MTU, speed, MAC and carrier.
 *
 * @param speedBps the speed the kernel reports; {@link #UNKNOWN_SPEED_BPS} when it reports none (a device without a
 *        PHY, or an interface that is down), so that the kernel's capacity figures stay positive
 * @param speedKnown false when {@code speedBps} is that stand-in
 */
public record InterfaceFacts(String name, int index, int mtuBytes, long speedBps, boolean speedKnown, long mac,
        boolean carrier) {

    /** Stand-in for an interface whose speed the kernel does not report: 10 Gb/s, what veth reports. */
    public static final long UNKNOWN_SPEED_BPS = 10_000_000_000L;

    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    /** The interfaces of this namespace, sorted by name. */
    public static List<String> names() {
        try (Stream<Path> entries = Files.list(SYS_CLASS_NET)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    /**
     * Reads the facts of {@code name}.
     *
     * @throws IllegalArgumentException when there is no such interface, naming those that exist
     */
    public static InterfaceFacts read(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.startsWith(".")
                || !Files.isDirectory(SYS_CLASS_NET.resolve(name))) {
            throw new IllegalArgumentException("no network interface '" + name + "' in this host's namespace;"
                    + " interfaces: " + String.join(", ", names()));
        }
        Path folder = SYS_CLASS_NET.resolve(name);
        long speedMbps = number(folder.resolve("speed"), -1);
        boolean speedKnown = speedMbps > 0;
        return new InterfaceFacts(name, (int) number(folder.resolve("ifindex"), 0),
                (int) number(folder.resolve("mtu"), 1500), speedKnown ? speedMbps * 1_000_000L : UNKNOWN_SPEED_BPS,
                speedKnown, mac(text(folder.resolve("address"))), number(folder.resolve("carrier"), 0) == 1);
    }

    /**
     * Refuses an interface that the kernel has given to a master device (a bond, a team, a bridge): its frames belong
     * to that device, so it cannot also be a NIC of this host.
     *
     * @throws IllegalArgumentException naming the interface, its master and what kind of device that is
     */
    public static void requireNoMaster(String name) {
        Path master = SYS_CLASS_NET.resolve(name).resolve("master");
        if (!Files.isSymbolicLink(master)) {
            return;
        }
        String masterName;
        try {
            masterName = Files.readSymbolicLink(master).getFileName().toString();
        } catch (IOException unreadable) {
            masterName = "?";
        }
        Path masterFolder = SYS_CLASS_NET.resolve(masterName);
        String kind = Files.isDirectory(masterFolder.resolve("bonding")) ? "bond"
                : Files.isDirectory(masterFolder.resolve("bridge")) ? "bridge" : "device";
        throw new IllegalArgumentException("interface '" + name + "' is already used by the kernel's " + kind + " '"
                + masterName + "' (its master); free it first (ip link set " + name + " nomaster) or choose another");
    }

    /** A file holding one decimal number; {@code absent} when it cannot be read (EINVAL while down, say). */
    private static long number(Path file, long absent) {
        String value = text(file);
        try {
            return value.isEmpty() ? absent : Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            return absent;
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** "aa:bb:cc:dd:ee:ff" as the low 48 bits; 0 for anything else (a tunnel without a MAC). */
    static long mac(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            return 0;
        }
        long mac = 0;
        for (String part : parts) {
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }
}
