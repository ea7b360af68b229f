package org.nicmanager.lib.lacp;

/** States of the receive machine (IEEE 802.1AX-2014 6.4.12, Figure 6-18). */
public enum LacpRxState {
    INITIALIZE,
    /** The port's link is down. */
    PORT_DISABLED,
    /** The partner's information is being timed out: it gets one short timeout to speak again. */
    EXPIRED,
    /** No LACPDU for a whole timeout: the partner is the administrative default (no LACP on the other end). */
    DEFAULTED,
    /** The partner's information is fresh. */
    CURRENT
}
