package org.nicmanager.kernel.api.teaming;

/** Link aggregation control for a bond. */
public enum LacpMode {
    /** No aggregation protocol; the bond is a host-side team. */
    OFF,
    /** Static 802.3ad aggregation towards a configured switch group. */
    STATIC,
    /** LACP, sending LACPDUs unprompted. */
    ACTIVE,
    /** LACP, answering a partner's LACPDUs only. */
    PASSIVE
}
