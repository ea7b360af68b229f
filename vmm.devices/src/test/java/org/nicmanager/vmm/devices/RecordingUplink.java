package org.nicmanager.vmm.devices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.vnic.VnicUplink;

/**
 * Test double of the NIC manager's uplink: takes every frame, notes when it came (kernel time) and, if asked, a copy
 * of its bytes, and releases the buffer.
 */
final class RecordingUplink implements VnicUplink {

    private final KernelClock clock;
    private final boolean keepCopies;
    private long[] times = new long[1024];
    private int count;
    final List<byte[]> copies = new ArrayList<>();

    RecordingUplink(KernelClock clock, boolean keepCopies) {
        this.clock = clock;
        this.keepCopies = keepCopies;
    }

    @Override
    public boolean send(FrameBuffer frame) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = clock.nanoTime();
        if (keepCopies) {
            copies.add(Arrays.copyOf(frame.data(), frame.length()));
        }
        frame.release();
        return true;
    }

    int count() {
        return count;
    }

    /** Kernel time of the {@code index}th frame. */
    long time(int index) {
        return times[index];
    }

    long[] times() {
        return Arrays.copyOf(times, count);
    }
}
