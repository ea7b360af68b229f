package org.nicmanager.kernel.api.frame;

/**
 * A 48-bit MAC address. On the frame path MACs travel as the low 48 bits of a {@code long} (see {@link FrameHeaders});
 * this record parses and prints them for people.
 */
public record MacAddress(long bits) {

    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    public MacAddress {
        if ((bits & ~BROADCAST) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits; 0x" + Long.toHexString(bits) + " has more");
        }
    }

    /**
     * Parses {@code aa:bb:cc:dd:ee:ff} (or with dashes).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static MacAddress parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        String[] octets = trimmed.split("[:-]", -1);
        if (octets.length != 6) {
            throw new IllegalArgumentException(
                    "bad MAC address '" + text + "': expected six hex octets like 02:00:00:00:00:01");
        }
        long bits = 0;
        for (String octet : octets) {
            if (octet.length() != 2 || Character.digit(octet.charAt(0), 16) < 0
                    || Character.digit(octet.charAt(1), 16) < 0) {
                throw new IllegalArgumentException(
                        "bad MAC address '" + text + "': octet '" + octet + "' is not two hex digits");
            }
            bits = bits << 8 | Integer.parseInt(octet, 16);
        }
        return new MacAddress(bits);
    }

    public static String format(long bits) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (bits >>> shift) & 0xFF;
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
            if (shift > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }

    /** True for group (multicast or broadcast) addresses. */
    public static boolean isMulticast(long bits) {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    /** True for locally administered addresses, as generated virtual NIC MACs are. */
    public static boolean isLocallyAdministered(long bits) {
        return (bits & 0x0200_0000_0000L) != 0;
    }

    @Override
    public String toString() {
        return format(bits);
    }
}
