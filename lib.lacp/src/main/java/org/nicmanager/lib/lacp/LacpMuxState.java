package org.nicmanager.lib.lacp;

/** States of the mux machine, independent control (IEEE 802.1AX-2014 6.4.15, Figure 6-21). */
public enum LacpMuxState {
    /** Not attached to an aggregator. */
    DETACHED,
    /** Selected, waiting Aggregate_Wait_Time so that the aggregator's other ports can come along. */
    WAITING,
    /** Attached and in sync; not yet collecting, because the partner is not in sync. */
    ATTACHED,
    /** Frames received on the link are collected; none are sent on it yet. */
    COLLECTING,
    /** Collecting and distributing: the link carries traffic both ways. */
    DISTRIBUTING
}
