package org.nicmanager.vmm.devices;

import org.nicmanager.kernel.api.frame.FlowStamp;
import org.nicmanager.kernel.api.frame.FrameWriter;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * A guest's constant-rate workload: stamped UDP frames from its virtual NIC, the flows taking turns, each with its own
 * sequence numbers so that receivers count loss and reordering per flow. One reusable timer; the gaps are exact
 * (integer nanoseconds with the remainder carried). The frame is written once; each send only rewrites the UDP source
 * port and the stamp, which no checksum covers (the UDP checksum is left 0).
 */
final class GuestTraffic {

    private static final int FIRST_SOURCE_PORT = 20_000;
    private static final int DESTINATION_PORT = 9;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SOURCE_PORT_OFFSET = FrameWriter.ETHERNET_HEADER_BYTES + FrameWriter.IPV4_HEADER_BYTES;
    private static final int STAMP_OFFSET = SOURCE_PORT_OFFSET + FrameWriter.UDP_HEADER_BYTES;

    private final EmulatedNic nic;
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
        this.frameBytes = frameBytes;
        this.sequences = new long[flows];
        this.gapNumerator = frameBytes * 8L * NANOS_PER_SECOND;
        this.gapDenominator = rateBps;
        this.guestFrame = new byte[frameBytes];
        FrameWriter.udpFrame(guestFrame, frameBytes, destinationMac, nic.mac(), 0x0A000000 | nic.port(), 0x0A00FFFE,
                FIRST_SOURCE_PORT, DESTINATION_PORT, 0, 0);
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
        int sourcePort = FIRST_SOURCE_PORT + flow;
        guestFrame[SOURCE_PORT_OFFSET] = (byte) (sourcePort >>> 8);
        guestFrame[SOURCE_PORT_OFFSET + 1] = (byte) sourcePort;
        FlowStamp.write(guestFrame, STAMP_OFFSET, flow, sequences[flow]++);
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
