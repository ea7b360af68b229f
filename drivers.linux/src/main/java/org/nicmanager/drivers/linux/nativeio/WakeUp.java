package org.nicmanager.drivers.linux.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * An eventfd that an I/O thread polls beside its socket, so that another thread can wake it: to stop it, or as a
 * transmit ring's doorbell. {@link #signal} and {@link #consume} allocate nothing; each thread that calls them owns
 * its own 8-byte buffer.
 */
public final class WakeUp implements AutoCloseable {

    private final int fd;
    private final Pointer signalValue = new Memory(8);
    private final Pointer consumedValue = new Memory(8);
    private boolean closed;

    public WakeUp(String what) {
        fd = LinuxCalls.eventfd(0, Abi.EFD_CLOEXEC | Abi.EFD_NONBLOCK);
        if (fd < 0) {
            throw new IllegalStateException("eventfd for " + what + " failed: " + LinuxCalls.describe(
                    LinuxCalls.errno()));
        }
        signalValue.setLong(0, 1);
    }

    public int fd() {
        return fd;
    }

    /**
     * Wakes the poller. Any thread but the poller; signals from more than one thread at once are safe (the kernel adds
     * them up), but the buffer is shared, so its value is fixed at 1.
     */
    public void signal() {
        LinuxCalls.write(fd, signalValue, 8);
    }

    /** Clears the signal, on the polling thread. */
    public void consume() {
        LinuxCalls.read(fd, consumedValue, 8);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LinuxCalls.close(fd);
        }
    }
}
