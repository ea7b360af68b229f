package org.nicmanager.vmm.devices;

import org.nicmanager.kernel.api.frame.FrameWriter;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A guest's constant-rate workload: stamped UDP frames from its virtual NIC, the flows taking turns, each with its own
 * sequence numbers so that receivers count loss and reordering per flow. One reusable timer; the gaps are exact
 * (integer nanoseconds with the remainder carried), and the guest's frame buffer is reused for every frame.
 */
final class GuestTraffic {

    private static final int FIRST_SOURCE_PORT = 20_000;
    private static final int DESTINATION_PORT = 9;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final EmulatedNic nic;
    private final long destinationMac;
    private final int frameBytes;
    private final long[] sequences;
    private final long gapNumerator;
    private final long gapDenominator;
    private final byte[] guestFrame;
    private final Timer due;
    private long framesLeft;
    private long gapRemainder;
    private int nextFlow;
    long sentFrames;
    long refusedFrames;

    /**
     * @param rateBps offered rate, counting frame bytes (no preamble, FCS or gap)
     * @param frames how many frames to send, or {@link Long#MAX_VALUE} for no end
     */
    GuestTraffic(KernelScheduler scheduler, EmulatedNic nic, long destinationMac, long rateBps, int frameBytes,
            int flows, long frames) {
        this.nic = nic;
        this.destinationMac = destinationMac;
        this.frameBytes = frameBytes;
        this.sequences = new long[flows];
        this.gapNumerator = frameBytes * 8L * NANOS_PER_SECOND;
        this.gapDenominator = rateBps;
        this.guestFrame = new byte[frameBytes];
        this.framesLeft = frames;
        this.due = scheduler.newTimer("guest traffic from " + nic.name(), this::sendOne);
    }

    void start() {
        due.armAfter(0);
    }

    void stop() {
        due.cancel();
    }

    private void sendOne() {
        int flow = nextFlow;
        nextFlow = flow + 1 == sequences.length ? 0 : flow + 1;
        FrameWriter.udpFrame(guestFrame, frameBytes, destinationMac, nic.mac(), 0x0A000000 | nic.port(),
                0x0A00FFFE, FIRST_SOURCE_PORT + flow, DESTINATION_PORT, flow, sequences[flow]++);
        if (nic.transmitFromGuest(guestFrame, 0, frameBytes) == EmulatedNic.TransmitResult.SENT) {
            sentFrames++;
        } else {
            refusedFrames++;
        }
        if (--framesLeft > 0) {
            long gap = gapNumerator / gapDenominator;
            gapRemainder += gapNumerator % gapDenominator;
            if (gapRemainder >= gapDenominator) {
                gap++;
                gapRemainder -= gapDenominator;
            }
            due.armAt(due.deadlineNanos() + gap);
        }
    }
}
