package org.nicmanager.kernel.api.nic;

/** The driver's answer to a transmit request. Only {@link #ACCEPTED} takes ownership of the frame. */
public enum TransmitStatus {
    /** On the transmit ring; the driver releases the buffer once the frame is on the wire. */
    ACCEPTED,
    /** The ring is full: a temporary resource limitation (patent [0065]); retry or use another member. */
    BUSY,
    /** No carrier or failed hardware. */
    LINK_DOWN,
    /** Longer than the NIC's MTU allows; counted by the driver. */
    TOO_LONG
}
