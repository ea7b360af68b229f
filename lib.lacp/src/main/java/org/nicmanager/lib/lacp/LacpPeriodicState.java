package org.nicmanager.lib.lacp;

/** States of the periodic transmission machine (IEEE 802.1AX-2014 6.4.13, Figure 6-19). */
public enum LacpPeriodicState {
    /** No periodic LACPDUs: the link is down, or both ends are passive. */
    NO_PERIODIC,
    /** One LACPDU every Fast_Periodic_Time: the partner asked for the short timeout. */
    FAST_PERIODIC,
    /** One every Slow_Periodic_Time. */
    SLOW_PERIODIC
}
