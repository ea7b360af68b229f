/**
 * Link Aggregation Control Protocol (IEEE 802.1AX-2014 clause 6; formerly IEEE 802.3ad, 802.3 clause 43), shared by
 * everything that aggregates links: the NIC manager's bonds and the simulated switches that are their partners
 * (patent [0071], [0086]-[0087]).
 *
 * <p>{@link org.nicmanager.lib.lacp.LacpduCodec} encodes and decodes LACPDUs (6.4.2.3) and never throws on bad
 * bytes. {@link org.nicmanager.lib.lacp.LacpPort} runs one port's receive, periodic transmission, mux and
 * transmit machines (6.4.12-6.4.16) on kernel timers; its owner supplies the selection logic (6.4.14), because a
 * bond has one aggregator and a switch many. Everything runs on the network world's thread.
 *
 * <p>A private library: each bundle that runs LACP copies this package in, and none exports it.
 */
package org.nicmanager.lib.lacp;
