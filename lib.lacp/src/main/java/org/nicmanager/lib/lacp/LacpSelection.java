package org.nicmanager.lib.lacp;

/** The Selected variable (IEEE 802.1AX-2014 6.4.8), set by the owner's selection logic (6.4.14). */
public enum LacpSelection {
    UNSELECTED,
    SELECTED,
    /** Selected for an aggregator that cannot take it now; it waits attached to nothing. */
    STANDBY
}
