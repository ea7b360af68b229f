package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world hands records to the writer's ring and never waits: when the writer is behind (here, not yet started, as a
 * stalled disk or an unread pipe would leave it) the frames that find no room are counted as dropped from the capture.
 */
class CaptureWriterTest {

    private static final int FRAME_BYTES = 1_500;
    private static final int RECORD_BYTES = 16 + FRAME_BYTES;

    @TempDir
    Path folder;

    @Test
    void aWriterThatCannotKeepUpDropsFromTheCaptureAndNeverBlocksTheWorld() throws Exception {
        Path file = folder.resolve("slow.pcap");
        CaptureWriter writer = new CaptureWriter(CaptureFile.createNew(file.toString(), false), "n0");
        byte[] frame = new byte[FRAME_BYTES];
        int fits = CaptureWriter.RING_BYTES / RECORD_BYTES;
        int offered = fits + 100;
        int recorded = 0;
        for (int i = 0; i < offered; i++) {
            frame[0] = (byte) i;
            if (writer.record(i, frame, FRAME_BYTES)) {
                recorded++;
            }
        }
        assertEquals(fits, recorded, "the ring holds what fits");
        assertEquals(offered - fits, writer.droppedFrames(), "the rest are counted, not waited for");

        writer.start();
        writer.close();
        writer.finished().get(30, TimeUnit.SECONDS);
        assertEquals(null, writer.failure());
        assertFalse(writer.record(0, frame, FRAME_BYTES), "a closed writer takes nothing more");

        ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24 + (long) fits * RECORD_BYTES, pcap.capacity(), "every recorded frame, whole");
        pcap.position(24);
        for (int i = 0; i < fits; i++) {
            assertEquals(i, pcap.getInt(4 + pcap.position()), "nanoseconds of record " + i);
            assertEquals(FRAME_BYTES, pcap.getInt(8 + pcap.position()));
            assertEquals((byte) i, pcap.get(16 + pcap.position()), "record " + i + " in order");
            pcap.position(pcap.position() + RECORD_BYTES);
        }
    }

    @Test
    void recordsThatWrapAroundTheRingComeOutWhole() throws Exception {
        Path file = folder.resolve("wrap.pcap");
        CaptureWriter writer = new CaptureWriter(CaptureFile.createNew(file.toString(), false), "n0");
        writer.start();
        byte[] frame = new byte[FRAME_BYTES];
        long written = 0;
        int frames = 0;
        while (written < 3L * CaptureWriter.RING_BYTES) { // round the ring three times, the writer draining
            frame[FRAME_BYTES - 1] = (byte) frames;
            if (writer.record(frames, frame, FRAME_BYTES)) {
                written += RECORD_BYTES;
                frames++;
            } else {
                Thread.onSpinWait(); // the test, not the world, waits for room here
            }
        }
        writer.close();
        writer.finished().get(30, TimeUnit.SECONDS);
        ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24 + written, pcap.capacity());
        for (int i = 0; i < frames; i++) {
            int at = 24 + i * RECORD_BYTES;
            assertEquals(i, pcap.getInt(at + 4));
            assertEquals((byte) i, pcap.get(at + RECORD_BYTES - 1), "record " + i + " whole across the wrap");
        }
        assertTrue(frames > 0);
    }
}
