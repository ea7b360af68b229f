package org.nicmanager.lib.lacp;

import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The bits of the Actor_State and Partner_State octets of an LACPDU (IEEE 802.1AX-2014 6.4.2.3, items u) to w)), bit 0
 * first, and their upper-case names for people and JSON.
 */
@ProviderType
public final class LacpState {

    /** 1 = Active LACP, 0 = Passive. */
    public static final int ACTIVITY = 0x01;
    /** 1 = Short Timeout (the sender wants LACPDUs every second), 0 = Long Timeout. */
    public static final int TIMEOUT = 0x02;
    /** 1 = the link may be aggregated, 0 = it is Individual. */
    public static final int AGGREGATION = 0x04;
    /** 1 = IN_SYNC: the link is attached to the right aggregator. */
    public static final int SYNCHRONIZATION = 0x08;
    public static final int COLLECTING = 0x10;
    public static final int DISTRIBUTING = 0x20;
    /** 1 = the sender's receive machine uses administrative defaults for its partner: it has heard no LACPDU. */
    public static final int DEFAULTED = 0x40;
    /** 1 = the sender's receive machine is in the EXPIRED state. */
    public static final int EXPIRED = 0x80;

    private static final String[] NAMES = {"ACTIVITY", "SHORT_TIMEOUT", "AGGREGATION", "SYNCHRONIZATION",
        "COLLECTING", "DISTRIBUTING", "DEFAULTED", "EXPIRED"};

    private LacpState() {
    }

    /** The names of the bits set in {@code state}, bit 0 first; e.g. [ACTIVITY, AGGREGATION]. */
    public static List<String> names(int state) {
        List<String> names = new ArrayList<>(NAMES.length);
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((state & 1 << bit) != 0) {
                names.add(NAMES[bit]);
            }
        }
        return names;
    }

    public static boolean has(int state, int bit) {
        return (state & bit) != 0;
    }

    /** {@code state} with {@code bit} set or cleared. */
    public static int with(int state, int bit, boolean set) {
        return set ? state | bit : state & ~bit;
    }
}
