package org.nicmanager.vmm.backends.io;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;

/** A virtual NIC's device for back-end tests: it keeps a copy of each frame its guest sent, and checks the thread. */
public final class RecordingPort implements GuestPort {

    /** How long a test waits for a frame that should come. */
    public static final long FRAME_WAIT_SECONDS = 10;

    private final NetworkWorld world;
    private final int mtuBytes;
    private final long mac;
    private final LinkedBlockingQueue<byte[]> fromGuest = new LinkedBlockingQueue<>();
    public final List<String> wrongThread = new CopyOnWriteArrayList<>();
    /** The MACs the guest set, as the back end reported them. */
    public final List<Long> guestMacs = new CopyOnWriteArrayList<>();
    /** What each frame from the guest left to do, in order: e.g. "segmentation 1 of 1448 after 54, checksum 34+16". */
    public final List<String> offloads = new CopyOnWriteArrayList<>();

    public RecordingPort(NetworkWorld world, int mtuBytes) {
        this(world, mtuBytes, 0x0200_0000_000AL);
    }

    public RecordingPort(NetworkWorld world, int mtuBytes, long mac) {
        this.world = world;
        this.mtuBytes = mtuBytes;
        this.mac = mac;
    }

    @Override
    public String vnic() {
        return "web-0";
    }

    @Override
    public String vm() {
        return "web";
    }

    @Override
    public long mac() {
        return mac;
    }

    @Override
    public int mtuBytes() {
        return mtuBytes;
    }

    @Override
    public NetworkWorld world() {
        return world;
    }

    @Override
    public void fromGuest(FrameBuffer frame) {
        if (!world.inWorld()) {
            wrongThread.add(Thread.currentThread().getName());
        }
        FrameOffload offload = frame.offload();
        offloads.add(offload.none() ? "none" : "segmentation " + offload.segmentation() + " of "
                + offload.segmentBytes() + " after " + offload.headerBytes() + ", checksum "
                + (offload.checksumPending() ? offload.checksumStartBytes() + "+" + offload.checksumOffsetBytes() : "-"));
        fromGuest.add(Arrays.copyOf(frame.data(), frame.length()));
        frame.release();
    }

    /** The next frame the guest sent, waiting a bounded time; fails when none comes. */
    public byte[] nextFromGuest() throws InterruptedException {
        byte[] frame = fromGuest.poll(FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the guest within " + FRAME_WAIT_SECONDS + " s");
        }
        return frame;
    }

    /** Frames received and not yet taken by {@link #nextFromGuest()}. */
    public int waiting() {
        return fromGuest.size();
    }

    @Override
    public void guestMacChanged(long mac) {
        if (!world.inWorld()) {
            wrongThread.add("guestMacChanged");
        }
        guestMacs.add(mac);
    }
}
