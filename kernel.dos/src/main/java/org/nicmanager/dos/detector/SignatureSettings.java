package org.nicmanager.dos.detector;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.nicmanager.lib.config.ConfigurationCheck;

/**
 * The signature detector's settings ([0129]): destination ports and byte patterns that mark a frame as part of an
 * attack. The arrays are read on the frame path and never change: a new setting is a new record.
 *
 * @param ports TCP or UDP destination ports, 0..65535, at most {@value #MAX_PORTS} (each frame is compared with each)
 * @param patterns byte patterns looked for in the payload, 1..{@value #MAX_PATTERN_BYTES} bytes each, at most {@value
 *        #MAX_PATTERNS}
 * @param windowMs a target is under attack while a match was seen within this window; 1 to {@link
 *        RateSettings#MAX_WINDOW_MS}
 */
public record SignatureSettings(int[] ports, byte[][] patterns, long windowMs) {

    public static final int MAX_PATTERN_BYTES = 64;
    /** Every suspicious frame is compared with every port and pattern on the frame path: their number is bounded. */
    public static final int MAX_PORTS = 1_024;
    public static final int MAX_PATTERNS = 64;
    public static final long DEFAULT_WINDOW_MS = 1_000;
    public static final SignatureSettings NONE = new SignatureSettings(new int[0], new byte[0][], DEFAULT_WINDOW_MS);

    public SignatureSettings {
        ports = ports.clone();
        if (ports.length > MAX_PORTS) {
            throw new IllegalArgumentException("bad ports: " + ports.length + " given, at most " + MAX_PORTS);
        }
        if (patterns.length > MAX_PATTERNS) {
            throw new IllegalArgumentException("bad patterns: " + patterns.length + " given, at most " + MAX_PATTERNS);
        }
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
        RateSettings.within("windowMs", windowMs, RateSettings.MAX_WINDOW_MS);
    }

    /** Read from a configuration, each value checked against both its bounds. */
    static SignatureSettings read(ConfigurationCheck check, SignatureDetector.Config config) {
        String allowedPorts = "at most " + MAX_PORTS + " TCP or UDP ports, each 0..65535";
        int[] ports = check.converted("ports", config::ports, allowedPorts);
        if (ports.length > MAX_PORTS || Arrays.stream(ports).anyMatch(port -> port < 0 || port > 65_535)) {
            throw check.refused("ports", allowedPorts);
        }
        String allowedPatterns = "at most " + MAX_PATTERNS + " byte patterns in hex, two digits a byte, 1 to "
                + MAX_PATTERN_BYTES + " bytes each, e.g. 4E494353";
        String[] hex = check.converted("patternsHex", config::patternsHex, allowedPatterns);
        if (hex.length > MAX_PATTERNS || Arrays.stream(hex).anyMatch(Objects::isNull)) {
            throw check.refused("patternsHex", allowedPatterns);
        }
        byte[][] patterns;
        try {
            patterns = parsePatterns(Arrays.asList(hex));
        } catch (IllegalArgumentException notHex) {
            throw check.refused("patternsHex", allowedPatterns);
        }
        if (Arrays.stream(patterns).anyMatch(pattern -> pattern.length == 0 || pattern.length > MAX_PATTERN_BYTES)) {
            throw check.refused("patternsHex", allowedPatterns);
        }
        return new SignatureSettings(ports, patterns,
                check.longWithin("windowMs", config::windowMs, 1, RateSettings.MAX_WINDOW_MS));
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
