package org.nicmanager.drivers.linux.io;

/**
 * What an interface's I/O threads could not carry, by reason; each counter has one writer (the receive or the
 * transmit thread) and any thread may read it. Frames the world's ring refused are counted by the ring itself
 * ({@code RingCounters.refusedFull}), and frames the kernel dropped for want of a ring slot by the kernel
 * ({@code PACKET_STATISTICS}).
 */
public final class DriverDrops {

    private volatile long receivedTooLong;
    private volatile long receiveNoBuffer;
    private volatile long transmitAborted;
    private volatile long socketErrors;

    /** A frame larger than the MTU allows, or cut short by the ring slot (GRO left on, say). Receive thread. */
    void countReceivedTooLong() {
        receivedTooLong++;
    }

    /** Every buffer of the supply was in the world: the world is behind. Receive thread. */
    void countReceiveNoBuffer() {
        receiveNoBuffer++;
    }

    /** A frame the kernel did not take on a flush (the interface down, its queue full). Transmit thread. */
    void countTransmitAborted() {
        transmitAborted++;
    }

    /** An error the kernel reported on the socket (the interface went away, say). Receive thread. */
    void countSocketError() {
        socketErrors++;
    }

    public long receivedTooLong() {
        return receivedTooLong;
    }

    public long receiveNoBuffer() {
        return receiveNoBuffer;
    }

    public long transmitAborted() {
        return transmitAborted;
    }

    public long socketErrors() {
        return socketErrors;
    }
}
