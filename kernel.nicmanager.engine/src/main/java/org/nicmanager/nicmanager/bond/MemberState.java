package org.nicmanager.nicmanager.bond;

import org.nicmanager.kernel.api.nic.LinkState;

/** A bond member's health as the bond sees it (patent [0065], [0101]); whether it carries traffic is separate. */
public enum MemberState {
    /** Carrier present, hardware healthy. */
    UP,
    /** No carrier: cable pulled or far end down. */
    DOWN,
    /** The hardware reported a fault: more severe than DOWN, rechecked less often. */
    FAILED,
    /** Carrier present, but the ARP monitor heard no answer through the member: the path beyond it is broken. */
    UNREACHABLE,
    /** The NIC's driver went away; the slot stays empty until the bond is rebuilt. */
    REMOVED;

    static MemberState of(LinkState state) {
        return switch (state) {
            case UP -> UP;
            case DOWN -> DOWN;
            case FAILED -> FAILED;
        };
    }
}
