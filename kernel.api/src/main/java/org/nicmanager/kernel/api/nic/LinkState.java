package org.nicmanager.kernel.api.nic;

/** A NIC's state as the kernel sees it. */
public enum LinkState {
    /** Carrier present, hardware healthy. */
    UP,
    /** No carrier (cable pulled, far end down). */
    DOWN,
    /** The hardware reported a fault. */
    FAILED
}
