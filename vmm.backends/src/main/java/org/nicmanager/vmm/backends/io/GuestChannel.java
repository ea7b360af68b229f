package org.nicmanager.vmm.backends.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a real guest's frames come and go, one Ethernet frame per call: a datagram socket, a TAP device. Reads and
 * the wait are for the back end's reader thread; writes for its writer thread.
 */
public interface GuestChannel {

    /**
     * Reads one waiting frame into {@code buffer} from index 0 (after its {@link #offloadHeaderBytes()}), without
     * blocking; a frame longer than the buffer is cut to its capacity.
     *
     * @return the bytes read, header included, 0 when none waits now, -1 when the channel is gone for good
     */
    int read(ByteBuffer buffer) throws IOException;

    /** Blocks until a frame may be waiting, or {@link #wakeUp()} is called. */
    void awaitFrame() throws IOException;

    /** Ends an {@link #awaitFrame()} now or the next one; any thread. */
    void wakeUp();

    /**
     * Writes {@code lengthBytes} of {@code buffer}, from index 0 (header included), as one frame. Never waits: the
     * world thread itself writes when the writer thread is idle; a frame that cannot be written now fails.
     */
    void write(ByteBuffer buffer, int lengthBytes) throws IOException;

    /**
     * The MAC the guest has set on its device now, or -1 when the channel cannot see it (a datagram socket). Called
     * by the reader when a frame comes from a source MAC it did not see last.
     */
    default long deviceMac() {
        return -1;
    }

    /**
     * Bytes of virtio header ({@link org.nicmanager.lib.frames.OffloadHeader}) before each frame read and written: a
     * TAP device with offloads has one; 0 when the channel carries bare frames.
     */
    default int offloadHeaderBytes() {
        return 0;
    }

    /** Where the guest is, e.g. {@code nmtap0}. */
    String describe();

    /** Closes the socket or device; after the threads stopped. */
    void close();
}
