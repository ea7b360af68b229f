package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.teaming.LacpMode;

/**
 * How a simulated switch aggregates links: not at all ({@link LacpMode#OFF}), in static groups the operator names
 * ({@link LacpMode#STATIC}), or by LACP on every port, active or passive, asking its partners for LACPDUs every second
 * ({@code fastRate}) or every 30 s.
 */
public record PartnerLacp(LacpMode mode, boolean fastRate) {

    public static final PartnerLacp OFF = new PartnerLacp(LacpMode.OFF, false);

    public PartnerLacp {
        if (mode == null) {
            throw new IllegalArgumentException("no LACP mode given; expected OFF, STATIC, ACTIVE or PASSIVE");
        }
    }

    public boolean speaksLacp() {
        return mode == LacpMode.ACTIVE || mode == LacpMode.PASSIVE;
    }

    /** As typed in {@code hw:switch add --lacp}: off, static, active or passive. */
    public String modeName() {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** fast or slow; meaningful only when the switch speaks LACP. */
    public String rateName() {
        return fastRate ? "fast" : "slow";
    }
}
