package org.nicmanager.vmm.devices;

import org.nicmanager.lib.frames.FlowStamp;

/**
 * A guest workload as {@code guest:traffic} asks for it, checked: every bad value is refused here, naming the option,
 * before anything changes.
 *
 * @param rateBps offered rate (mean rate for Poisson, average for bursts), counting frame bytes (no preamble, FCS or
 *        gap)
 * @param frameBytes frame size, header to payload without FCS; for TCP, the size of a data segment
 * @param flows flows taking turns, each with its own source port and stamp sequence (for TCP, one session each)
 * @param frames frames to send (for TCP, data segments; SYN and FIN come on top), or {@link Long#MAX_VALUE} for no end
 * @param burstFrames frames per burst, for {@link GuestPattern#BURST}
 */
record WorkloadSpec(long destinationMac, GuestPattern pattern, long rateBps, int frameBytes, int flows, long frames,
        int burstFrames) {

    static final int MIN_FRAME_BYTES = 60;
    static final int MAX_FRAME_BYTES = 9014;
    /** A TCP data segment holds the 54 bytes of headers and the 16-byte flow stamp. */
    static final int MIN_TCP_FRAME_BYTES = TcpSessions.PAYLOAD_OFFSET + FlowStamp.BYTES;
    static final int MAX_FLOWS = 65_536;
    static final int DEFAULT_BURST_FRAMES = 32;
    static final int MAX_BURST_FRAMES = 65_536;

    WorkloadSpec {
        if (rateBps <= 0) {
            throw new IllegalArgumentException("bad --rate " + rateBps + "bps: must be above 0");
        }
        if (frameBytes < MIN_FRAME_BYTES || frameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("bad --frame " + frameBytes + ": a guest frame is " + MIN_FRAME_BYTES
                    + ".." + MAX_FRAME_BYTES + " bytes");
        }
        if (pattern == GuestPattern.TCP && frameBytes < MIN_TCP_FRAME_BYTES) {
            throw new IllegalArgumentException("bad --frame " + frameBytes + " for --pattern tcp: a stamped TCP"
                    + " segment is " + MIN_TCP_FRAME_BYTES + ".." + MAX_FRAME_BYTES + " bytes");
        }
        if (flows < 1 || flows > MAX_FLOWS) {
            throw new IllegalArgumentException("bad --flows " + flows + ": allowed 1.." + MAX_FLOWS);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("bad frame count " + frames + ": at least 1");
        }
        if (burstFrames < 1 || burstFrames > MAX_BURST_FRAMES) {
            throw new IllegalArgumentException("bad --burst-frames " + burstFrames + ": allowed 1.."
                    + MAX_BURST_FRAMES);
        }
    }
}
