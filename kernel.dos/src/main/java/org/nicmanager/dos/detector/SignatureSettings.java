package org.nicmanager.dos.detector;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The signature detector's settings ([0129]): destination ports and byte patterns that mark a frame as part of an
 * attack. The arrays are read on the frame path and never change: a new setting is a new record.
 *
 * @param ports TCP or UDP destination ports, 0..65535
 * @param patterns byte patterns looked for in the payload, 1..{@value #MAX_PATTERN_BYTES} bytes each
 * @param windowMs a target is under attack while a match was seen within this window; above 0
 */
public record SignatureSettings(int[] ports, byte[][] patterns, long windowMs) {

    public static final int MAX_PATTERN_BYTES = 64;
    public static final long DEFAULT_WINDOW_MS = 1_000;
    public static final SignatureSettings NONE = new SignatureSettings(new int[0], new byte[0][], DEFAULT_WINDOW_MS);

    public SignatureSettings {
        ports = ports.clone();
        for (int port : ports) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("bad port " + port + ": a TCP or UDP port is 0..65535");
            }
        }
        patterns = Arrays.stream(patterns).map(byte[]::clone).toArray(byte[][]::new);
        for (byte[] pattern : patterns) {
            if (pattern.length == 0 || pattern.length > MAX_PATTERN_BYTES) {
                throw new IllegalArgumentException("bad pattern of " + pattern.length + " bytes: 1.."
                        + MAX_PATTERN_BYTES + " bytes");
            }
        }
        RateSettings.above0("windowMs", windowMs);
    }

    /** Patterns written as hex, e.g. {@code 4E494353}; the message names a bad one. */
    static byte[][] parsePatterns(List<String> hex) {
        byte[][] patterns = new byte[hex.size()][];
        for (int i = 0; i < patterns.length; i++) {
            String text = hex.get(i).trim();
            try {
                patterns[i] = HexFormat.of().parseHex(text);
            } catch (IllegalArgumentException notHex) {
                throw new IllegalArgumentException("bad pattern '" + text + "': bytes in hex, two digits each, e.g."
                        + " 4E494353");
            }
        }
        return patterns;
    }

    static List<String> patternsHex(byte[][] patterns) {
        return Arrays.stream(patterns).map(pattern -> HexFormat.of().withUpperCase().formatHex(pattern)).toList();
    }

    /** Whether the frame's destination port is listed or its payload holds a pattern. Frame path: no allocation. */
    boolean matches(int destinationPort, byte[] data, int from, int to) {
        if (destinationPort >= 0) {
            for (int port : ports) {
                if (port == destinationPort) {
                    return true;
                }
            }
        }
        for (byte[] pattern : patterns) {
            if (contains(data, from, to, pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] data, int from, int to, byte[] pattern) {
        int last = to - pattern.length;
        for (int start = Math.max(0, from); start <= last; start++) {
            int i = 0;
            while (i < pattern.length && data[start + i] == pattern[i]) {
                i++;
            }
            if (i == pattern.length) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignatureSettings that && Arrays.equals(ports, that.ports)
                && Arrays.deepEquals(patterns, that.patterns) && windowMs == that.windowMs;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ports) * 31 + Arrays.deepHashCode(patterns) + Long.hashCode(windowMs);
    }

    @Override
    public String toString() {
        return "SignatureSettings[ports=" + Arrays.toString(ports) + ", patterns=" + patternsHex(patterns)
                + ", windowMs=" + windowMs + "]";
    }
}
