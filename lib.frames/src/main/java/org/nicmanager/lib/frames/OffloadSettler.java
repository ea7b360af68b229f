package org.nicmanager.lib.frames;

import java.nio.ByteBuffer;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;

/**
 * Settles a frame's offloads before it goes where they cannot travel (a simulated NIC or guest, a datagram back end):
 * a pending checksum is completed in software, as Linux's {@code skb_checksum_help} does, and the frame is then
 * complete. A super-frame cannot be settled here: it must be cut into segments ({@link Segmenter}), or dropped by a
 * caller that cannot. Frame path: no allocation.
 */
public final class OffloadSettler {

    private OffloadSettler() {
    }

    /**
     * Completes a pending checksum; answers false for a super-frame, which stays as it was.
     */
    public static boolean settle(FrameBuffer frame) {
        FrameOffload offload = frame.offload();
        if (offload.superFrame()) {
            return false;
        }
        if (offload.checksumPending()) {
            completeChecksum(frame.memory(), offload.checksumStartBytes(), offload.checksumOffsetBytes(),
                    frame.length());
            offload.checksumDone();
        }
        return true;
    }

    /**
     * The one's-complement sum of {@code [start, end)}, folded and inverted, stored at {@code start + offset}. The
     * field already holds the pseudo-header's sum, which the sender put there, so summing over it finishes the job.
     */
    static void completeChecksum(ByteBuffer bytes, int start, int offset, int end) {
        long sum = 0;
        int at = start;
        for (; at + 1 < end; at += 2) {
            sum += (bytes.get(at) & 0xff) << 8 | bytes.get(at + 1) & 0xff;
        }
        if (at < end) {
            sum += (bytes.get(at) & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int checksum = (int) ~sum & 0xffff;
        if (checksum == 0) {
            checksum = 0xffff; // 0 means "no checksum" to UDP; in one's complement both are zero
        }
        bytes.put(start + offset, (byte) (checksum >>> 8));
        bytes.put(start + offset + 1, (byte) checksum);
    }
}
