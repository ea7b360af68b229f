package org.nicmanager.nicmanager.bond;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which received frames prove a member alive to the ARP monitor, after Linux bonding's {@code arp_validate}
 * (Documentation/networking/bonding.rst). A member is <em>validated</em> when its role's bit is set: it then lives
 * only by ARP traffic tied to this bond's own probes (a target's reply to the member, or, for a backup, the active
 * member's request for a target, flooded back to it). A member that is not validated lives by any frame it receives,
 * or, with a {@code filter} mode, by any ARP frame it receives. The default, {@link #NONE}, counts any frame as life,
 * so that a member busy receiving is never declared unreachable.
 *
 * <p>Roles: in {@code failover-order} the active member is the one carrying now and every other member is a backup;
 * in the spreading policies every member is active, as Linux's balance modes make every slave active.
 */
public enum ArpValidate {

    /** No validation, no filter: any frame received is life (Linux's default). */
    NONE(false, false, false),
    /** The active member is validated; backups live by any frame. */
    ACTIVE(true, false, false),
    /** Backups are validated; the active member lives by any frame. */
    BACKUP(false, true, false),
    /** Every member is validated. */
    ALL(true, true, false),
    /** No validation, but only ARP frames are life: other broadcast traffic cannot keep a dead path up. */
    FILTER(false, false, true),
    /** The active member is validated; backups live by any ARP frame. */
    FILTER_ACTIVE(true, false, true),
    /** Backups are validated; the active member lives by any ARP frame. */
    FILTER_BACKUP(false, true, true);

    private final boolean active;
    private final boolean backup;
    private final boolean filter;

    ArpValidate(boolean active, boolean backup, boolean filter) {
        this.active = active;
        this.backup = backup;
        this.filter = filter;
    }

    /** True when a member in this role lives only by validated ARP traffic. */
    public boolean validates(boolean activeMember) {
        return activeMember ? active : backup;
    }

    /** True when a member that is not validated lives only by ARP frames, not by any frame. */
    public boolean filters() {
        return filter;
    }

    /** The name as Linux and the commands spell it, e.g. {@code filter_active}. */
    public String linuxName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every name, for refusals: {@code none|active|...}. */
    public static String names() {
        return Arrays.stream(values()).map(ArpValidate::linuxName).collect(Collectors.joining("|"));
    }

    /**
     * Linux's name ({@code filter_active}; {@code filter-active} too, as iproute2 spells it) or its number (0-6).
     *
     * @throws IllegalArgumentException naming the value and the names allowed
     */
    public static ArpValidate parse(String option, String text) {
        String given = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ArpValidate mode : values()) {
            if (mode.linuxName().equals(given) || String.valueOf(mode.ordinal()).equals(given)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("bad " + option + " '" + text + "': expected " + names());
    }
}
