package org.nicmanager.lib.frames;

import java.nio.ByteBuffer;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.frame.FrameVerdict;

/**
 * Settles a frame's offloads before it goes where they cannot travel (a simulated NIC or guest, a datagram back end):
 * a pending checksum is completed in software, as Linux's {@code skb_checksum_help} does, and the frame is then
 * complete. A super-frame cannot be settled here: it must be cut into segments ({@link Segmenter}), or dropped by a
 * caller that cannot. Frame path: no allocation.
 */
public final class OffloadSettler {

    static final int TCP = 6;
    static final int TCP_CHECKSUM_OFFSET = 16;

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
     * Makes a TCP super-frame whose checksum is not pending look as a sender's TSO leaves one: the TCP checksum field
     * holds the pseudo-header's sum and the checksum is pending from the TCP header. GRO hands a host such a frame
     * with its checksums verified (virtio's DATA_VALID) but the field no longer matching the merged payload; marked
     * so, a guest takes it as its own stack's frames are taken, and {@link Segmenter} checksums its segments anew.
     * Answers false for a frame that is not TCP over IPv4 or IPv6, left as it was. Frame path: no allocation.
     */
    public static boolean markChecksumPending(FrameBuffer frame, HeaderParser headers) {
        if (headers.parse(frame) != FrameVerdict.OK || headers.protocol() != TCP) {
            return false;
        }
        ByteBuffer bytes = frame.memory();
        int l4 = headers.l4Offset();
        bytes.putShort(l4 + TCP_CHECKSUM_OFFSET, (short) pseudoHeaderSum(bytes, headers.ipVersion() == 4,
                headers.l3Offset(), frame.length() - l4));
        frame.offload().setChecksum(l4, TCP_CHECKSUM_OFFSET);
        return true;
    }

    /** The TCP pseudo-header's one's-complement sum, folded, not inverted: what a sender leaves in the field. */
    static int pseudoHeaderSum(ByteBuffer bytes, boolean ipv4, int l3, int tcpBytes) {
        long sum = TCP + (tcpBytes & 0xffff) + (tcpBytes >>> 16); // IPv6's length has 32 bits
        int addresses = ipv4 ? l3 + 12 : l3 + 8;
        int addressBytes = ipv4 ? 8 : 32;
        for (int at = addresses; at < addresses + addressBytes; at += 2) {
            sum += bytes.getShort(at) & 0xffff;
        }
        return fold(sum);
    }

    static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
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
