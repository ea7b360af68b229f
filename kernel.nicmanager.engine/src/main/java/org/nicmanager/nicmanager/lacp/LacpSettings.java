package org.nicmanager.nicmanager.lacp;

import java.util.Locale;

import org.nicmanager.kernel.api.teaming.LacpMode;

/**
 * A bond's link aggregation settings (patent [0071], [0086]-[0087]; IEEE 802.1AX-2014).
 *
 * @param mode OFF (a host-side team), STATIC (one link towards a static switch group) or LACP, ACTIVE or PASSIVE
 * @param fastRate ask the partner for an LACPDU every second and time it out after 3 s; else every 30 s and 90 s
 * @param fallbackNanos when the partner has spoken no LACP for this long while a member is up, the bond falls back to
 *            active-backup over its members (as Open vSwitch's lacp-fallback-ab); 0: never, the members then carry
 *            nothing until a partner negotiates
 * @param minLinks the aggregate carries traffic only while at least this many members distribute (Linux's
 *            min_links); below it, none does
 */
public record LacpSettings(LacpMode mode, boolean fastRate, long fallbackNanos, int minLinks) {

    public static final int MAX_MIN_LINKS = 32;

    public LacpSettings {
        if (mode == null) {
            throw new IllegalArgumentException("no LACP mode given; allowed: off, static, active, passive");
        }
        if (fallbackNanos < 0) {
            throw new IllegalArgumentException("LACP fallback time " + fallbackNanos + " ns is negative; 0 turns"
                    + " fallback off");
        }
        if (minLinks < 1 || minLinks > MAX_MIN_LINKS) {
            throw new IllegalArgumentException("bad min-links " + minLinks + ": allowed 1.." + MAX_MIN_LINKS);
        }
    }

    /** No aggregation: the bond is a host-side team. */
    public static LacpSettings off() {
        return new LacpSettings(LacpMode.OFF, false, 0, 1);
    }

    /** True for ACTIVE and PASSIVE: the bond runs LACP on its members. */
    public boolean negotiates() {
        return mode == LacpMode.ACTIVE || mode == LacpMode.PASSIVE;
    }

    /** True when the members act as one link towards the switch (STATIC, ACTIVE, PASSIVE). */
    public boolean aggregates() {
        return mode != LacpMode.OFF;
    }

    public boolean fallback() {
        return fallbackNanos > 0;
    }

    /** As typed in commands: off, static, active, passive. */
    public String modeName() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    public String rateName() {
        return fastRate ? "fast" : "slow";
    }

    /**
     * Reads a mode as typed.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static LacpMode parseMode(String text) {
        for (LacpMode mode : LacpMode.values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("bad --lacp '" + text + "': allowed off, static, active, passive");
    }

    /** Reads {@code fast} or {@code slow}. */
    public static boolean parseFastRate(String text) {
        if (!"fast".equals(text) && !"slow".equals(text)) {
            throw new IllegalArgumentException("bad --lacp-rate '" + text + "': allowed fast, slow");
        }
        return "fast".equals(text);
    }
}
