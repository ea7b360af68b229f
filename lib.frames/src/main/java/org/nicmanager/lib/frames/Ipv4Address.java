package org.nicmanager.lib.frames;

/** IPv4 addresses as their 32 bits, read from and written as dotted text; never a host name: nothing is looked up. */
public final class Ipv4Address {

    private Ipv4Address() {
    }

    /**
     * @param what names the value in the refusal, e.g. {@code --ip}
     * @throws IllegalArgumentException naming {@code what}, the text, and the form expected
     */
    public static int parse(String what, String text) {
        String[] parts = text.split("\\.", -1);
        int bits = 0;
        for (String part : parts) {
            if (parts.length != 4 || part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("bad " + what + " '" + text + "': expected a dotted IPv4 address"
                        + " such as 10.0.0.7");
            }
            bits = bits << 8 | Integer.parseInt(part);
        }
        return bits;
    }

    public static String format(int bits) {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }
}
