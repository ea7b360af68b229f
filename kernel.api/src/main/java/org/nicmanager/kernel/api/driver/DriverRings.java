package org.nicmanager.kernel.api.driver;

import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens the rings through which a driver's threads exchange frames with a network world, and the buffer supplies they
 * fill. Offered as a service by the kernel; see the package's threading rules.
 */
@ProviderType
public interface DriverRings {

    /** Ring sizes are powers of two in this range, so that a slot is found with a mask. */
    int MIN_SLOTS = 2;
    int MAX_SLOTS = 65_536;

    /**
     * Opens a receive ring into {@code world}. Call on that world's thread.
     *
     * @param name names the ring in errors and counters, e.g. {@code "eth0 rx"}
     * @param slots frames the ring holds, a power of two in {@link #MIN_SLOTS}..{@link #MAX_SLOTS}
     * @param handler takes each frame on the world thread, in ring order
     * @throws IllegalArgumentException when this kernel does not run {@code world}, or for a bad name or size
     */
    ReceiveRing openReceive(NetworkWorld world, String name, int slots, ReceiveHandler handler);

    /**
     * Opens a transmit ring out of {@code world}. Call on that world's thread.
     *
     * @param handler told of each completion on the world thread, in ring order, and of frames waiting for the driver
     * @throws IllegalArgumentException when this kernel does not run {@code world}, or for a bad name or size
     */
    TransmitRing openTransmit(NetworkWorld world, String name, int slots, TransmitHandler handler);

    /**
     * A supply of {@code buffers} buffers of {@code bufferBytes} each, all made now, that any thread may take from and
     * release to.
     *
     * @throws IllegalArgumentException for fewer than 1 buffer or a size outside 1..{@code FrameBuffer.MAX_SUPER_FRAME_BYTES}
     */
    FrameSupply newSupply(String name, int buffers, int bufferBytes, FrameMemory memory);
}
