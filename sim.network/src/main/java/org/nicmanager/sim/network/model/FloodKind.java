package org.nicmanager.sim.network.model;

/** What an outside flood sends. */
public enum FloodKind {
    UDP, SYN, BROADCAST
}
