package org.nicmanager.vmm.backends.tap;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.sun.jna.Memory;

import org.nicmanager.lib.frames.OffloadHeader;
import org.nicmanager.vmm.backends.io.GuestChannel;

/**
 * A guest behind a TAP device: one read or write per frame on its non-blocking descriptor. The reader waits in
 * {@code poll} on the device and on an eventfd that {@link #wakeUp()} signals, so closing never waits for a frame.
 * Nothing allocates per frame: the poll set and the eventfd's counter are made once.
 */
final class TapGuestChannel implements GuestChannel {

    private static final int POLLFD_BYTES = 8;
    private static final int EVENTS_OFFSET = 4;
    private static final int REVENTS_OFFSET = 6;

    private final String name;
    private final int tap;
    private final int wake;
    /** Two {@code struct pollfd}: the TAP device, then the eventfd. */
    private final Memory pollSet = new Memory(2 * POLLFD_BYTES);
    private final ByteBuffer wakeCount = ByteBuffer.allocateDirect(Long.BYTES);
    private final ByteBuffer drainCount = ByteBuffer.allocateDirect(Long.BYTES);
    /** For {@link #deviceMac()}, on the reader thread. */
    private final Memory macRequest = TapDevice.macRequest();

    private final int offloadHeaderBytes;

    private TapGuestChannel(String name, int tap, int wake, boolean offloads) {
        this.name = name;
        this.tap = tap;
        this.wake = wake;
        this.offloadHeaderBytes = offloads ? OffloadHeader.BYTES : 0;
        pollSet.clear();
        pollSet.setInt(0, tap);
        pollSet.setShort(EVENTS_OFFSET, LinuxCalls.POLLIN);
        pollSet.setInt(POLLFD_BYTES, wake);
        pollSet.setShort(POLLFD_BYTES + EVENTS_OFFSET, LinuxCalls.POLLIN);
        wakeCount.putLong(0, 1L);
    }

    /**
     * Opens the device and gives it the virtual NIC's MAC.
     *
     * @throws IllegalArgumentException as {@link TapDevice#open} does
     */
    static TapGuestChannel open(String name, long mac, boolean offloads) {
        int tap = TapDevice.open(name, offloads);
        try {
            TapDevice.setMac(tap, name, mac);
        } catch (IllegalArgumentException refused) {
            LinuxCalls.close(tap);
            throw refused;
        }
        int wake = LinuxCalls.eventfd(0, LinuxCalls.EFD_NONBLOCK | LinuxCalls.EFD_CLOEXEC);
        if (wake < 0) {
            int errno = LinuxCalls.errno();
            LinuxCalls.close(tap);
            throw new IllegalArgumentException("cannot make an eventfd for TAP device '" + name + "': errno " + errno);
        }
        return new TapGuestChannel(name, tap, wake, offloads);
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        long length = LinuxCalls.read(tap, buffer, buffer.capacity());
        if (length >= 0) {
            return (int) length;
        }
        int errno = LinuxCalls.errno();
        if (errno == LinuxCalls.EAGAIN || errno == LinuxCalls.EINTR) {
            return 0;
        }
        return -1; // EBADFD, EIO: the device is gone
    }

    @Override
    public void awaitFrame() throws IOException {
        pollSet.setShort(REVENTS_OFFSET, (short) 0);
        pollSet.setShort(POLLFD_BYTES + REVENTS_OFFSET, (short) 0);
        if (LinuxCalls.poll(pollSet, 2, -1) < 0 && LinuxCalls.errno() != LinuxCalls.EINTR) {
            throw new IOException("poll on TAP device '" + name + "' failed: errno " + LinuxCalls.errno());
        }
        if (pollSet.getShort(POLLFD_BYTES + REVENTS_OFFSET) != 0) {
            LinuxCalls.read(wake, drainCount, Long.BYTES);
        }
    }

    @Override
    public void wakeUp() {
        LinuxCalls.write(wake, wakeCount, Long.BYTES);
    }

    @Override
    public void write(ByteBuffer buffer, int lengthBytes) throws IOException {
        if (LinuxCalls.write(tap, buffer, lengthBytes) < 0) {
            throw new IOException("write to TAP device '" + name + "' failed: errno " + LinuxCalls.errno());
        }
    }

    /** The MAC the guest has set on its TAP device now: one ioctl on the descriptor, no allocation. */
    @Override
    public long deviceMac() {
        return TapDevice.mac(tap, macRequest);
    }

    @Override
    public int offloadHeaderBytes() {
        return offloadHeaderBytes;
    }

    @Override
    public String describe() {
        return offloadHeaderBytes > 0 ? name + " (offloads)" : name;
    }

    @Override
    public void close() {
        LinuxCalls.close(tap);
        LinuxCalls.close(wake);
    }
}
