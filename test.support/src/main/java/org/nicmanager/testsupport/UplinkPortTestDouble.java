package org.nicmanager.testsupport;

import java.util.Collection;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.UplinkPort;

/**
 * Test double of an uplink as its scheduler sees it: ready while it has room, or always when told so. It takes a frame
 * by using up one place of room, counts it and gives the buffer back at once, as a line that never backs up would.
 * Allocates nothing per frame, so that the frame path's allocation tests and benchmarks can stand on it.
 */
public final class UplinkPortTestDouble implements UplinkPort {

    private final long capacityBps;
    private final List<String> nics;
    private int room;
    private boolean alwaysReady;
    private long sent;

    /** An uplink of these NICs that carries {@code capacityBps}, with any NIC failed as well. */
    public UplinkPortTestDouble(long capacityBps, String... nics) {
        this.capacityBps = capacityBps;
        this.nics = List.of(nics);
    }

    /** Room for {@code frames} more frames. */
    public void addRoom(int frames) {
        room += frames;
    }

    /** Room for exactly {@code frames} frames. */
    public void setRoom(int frames) {
        room = frames;
    }

    /** Whether the uplink is ready whatever its room. */
    public void alwaysReady(boolean always) {
        alwaysReady = always;
    }

    /** Frames taken so far. */
    public long sent() {
        return sent;
    }

    @Override
    public boolean ready() {
        return alwaysReady || room > 0;
    }

    @Override
    public void send(FrameBuffer frame) {
        room--;
        sent++;
        frame.release();
    }

    @Override
    public long capacityBps() {
        return capacityBps;
    }

    @Override
    public long capacityWithoutBps(Collection<String> failedNics) {
        return capacityBps;
    }

    @Override
    public List<String> nics() {
        return nics;
    }
}
