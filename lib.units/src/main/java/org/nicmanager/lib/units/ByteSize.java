package org.nicmanager.lib.units;

import java.util.Map;

/** A non-negative size in bytes: {@code 64}, {@code 1500B}, {@code 64KiB}, {@code 1MB} (decimal and binary units). */
public record ByteSize(long bytes) {

    private static final String ALLOWED = "a whole number of bytes, optionally with B, KB, KiB, MB, MiB, GB or GiB"
            + " (e.g. 1500, 64KiB, 1MB)";
    private static final Map<String, Long> UNITS = Map.of(
            "", 1L, "B", 1L, "KB", 1_000L, "KiB", 1L << 10, "MB", 1_000_000L, "MiB", 1L << 20,
            "GB", 1_000_000_000L, "GiB", 1L << 30);

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes + " bytes");
        }
    }

    /** @throws IllegalArgumentException naming the text and the allowed forms */
    public static ByteSize parse(String text) {
        return new ByteSize(Quantity.parse(text, "size", UNITS, ALLOWED));
    }

    @Override
    public String toString() {
        return bytes + "B";
    }
}
