package org.nicmanager.kernel.api.driver;

/** How a frame the driver took from a {@link TransmitRing} ended. */
public enum TransmitOutcome {
    /** Its last bit left on the wire. */
    SENT,
    /** It never left whole: carrier lost, hardware failed, the NIC went away. The kernel may resend it elsewhere. */
    ABORTED
}
