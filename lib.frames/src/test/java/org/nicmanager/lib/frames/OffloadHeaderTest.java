package org.nicmanager.lib.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;

class OffloadHeaderTest {

    private final ByteBuffer bytes = ByteBuffer.allocate(OffloadHeader.BYTES);
    private final FrameOffload offload = FrameBuffer.unpooled(64).offload();

    /** A TCPv4 super-frame as Linux's TAP hands it over: needs checksum, gso TCPV4, hdr_len 66, gso_size 1448. */
    private void linuxTcpSuperFrame() {
        bytes.put(0, new byte[] {1, 1, 66, 0, (byte) 0xa8, 5, 34, 0, 16, 0});
    }

    @Test
    void aLinuxHeaderReadsIntoTheFramesOffload() {
        linuxTcpSuperFrame();

        assertTrue(OffloadHeader.read(bytes, 0, 65_000, offload));
        assertTrue(offload.superFrame());
        assertEquals(FrameOffload.TCPV4, offload.segmentation());
        assertEquals(1448, offload.segmentBytes());
        assertEquals(66, offload.headerBytes());
        assertTrue(offload.checksumPending());
        assertEquals(34, offload.checksumStartBytes());
        assertEquals(16, offload.checksumOffsetBytes());
    }

    @Test
    void writingGivesBackTheSameBytes() {
        linuxTcpSuperFrame();
        OffloadHeader.read(bytes, 0, 65_000, offload);
        ByteBuffer written = ByteBuffer.allocate(OffloadHeader.BYTES + 2);

        OffloadHeader.write(offload, written, 2);

        assertEquals(bytes, written.slice(2, OffloadHeader.BYTES));
    }

    @Test
    void aPlainFramesHeaderIsAllZeroesBothWays() {
        assertTrue(OffloadHeader.read(bytes, 0, 60, offload));
        assertTrue(offload.none());
        ByteBuffer written = ByteBuffer.allocate(OffloadHeader.BYTES);
        written.put(0, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
        OffloadHeader.write(offload, written, 0);
        assertEquals(ByteBuffer.allocate(OffloadHeader.BYTES), written);
    }

    @Test
    void headersNoKernelWritesAreRefusedAndLeaveNothing() {
        bytes.put(0, new byte[] {0, 2, 66, 0, (byte) 0xa8, 5, 0, 0, 0, 0}); // gso type 2 does not exist
        assertFalse(OffloadHeader.read(bytes, 0, 65_000, offload));
        assertTrue(offload.none());

        bytes.put(0, new byte[] {0, 1, 66, 0, 0, 0, 0, 0, 0, 0}); // a segment size of 0
        assertFalse(OffloadHeader.read(bytes, 0, 65_000, offload));

        bytes.put(0, new byte[] {1, 0, 0, 0, 0, 0, 60, 0, 16, 0}); // the checksum field lies outside a 64-byte frame
        assertFalse(OffloadHeader.read(bytes, 0, 64, offload));
        assertTrue(offload.none());
    }
}
