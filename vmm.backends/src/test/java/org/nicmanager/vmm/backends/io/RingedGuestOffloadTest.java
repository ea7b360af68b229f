package org.nicmanager.vmm.backends.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameOffload;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.OffloadHeader;

/**
 * A channel with offloads (a TAP device with {@code IFF_VNET_HDR}) puts a virtio header before each frame: the reader
 * takes it into the frame's {@link FrameOffload}, lets a super-frame be longer than the MTU, and drops a header no
 * kernel writes; the writer puts the frame's offloads back in front of it.
 */
class RingedGuestOffloadTest {

    private static final long SECOND = 1_000_000_000L;
    private static final byte[] TCP_SUPER_FRAME_HEADER = {1, 1, 54, 0, (byte) 0xa8, 5, 34, 0, 16, 0};
    private static final byte[] PLAIN_HEADER = new byte[OffloadHeader.BYTES];

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10 * SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });

    @AfterEach
    void stop() {
        world.close();
    }

    private static byte[] frame(int bytes) {
        byte[] frame = new byte[bytes];
        for (int i = 0; i < 6; i++) {
            frame[6 + i] = (byte) (0x02 >>> (8 * (5 - i))); // source 00:00:00:00:00:02, the port's MAC
        }
        frame[bytes - 1] = 7;
        return frame;
    }

    private static byte[] withHeader(byte[] header, byte[] frame) {
        byte[] read = new byte[header.length + frame.length];
        System.arraycopy(header, 0, read, 0, header.length);
        System.arraycopy(frame, 0, read, header.length, frame.length);
        return read;
    }

    @Test
    void theReaderKeepsWhatTheHeaderSaysAndOnlySuperFramesMayExceedTheMtu() throws Exception {
        OffloadChannel channel = new OffloadChannel();
        RecordingPort port = new RecordingPort(world, 1500, 0x02);
        RingedGuest guest = world.call(() -> RingedGuest.start(channel, port, world, "t"));
        byte[] superFrame = frame(20_000);
        byte[] plain = frame(60);

        channel.toRead.add(withHeader(TCP_SUPER_FRAME_HEADER, superFrame));
        channel.toRead.add(withHeader(new byte[] {0, 2, 54, 0, (byte) 0xa8, 5, 0, 0, 0, 0}, frame(60))); // type 2
        channel.toRead.add(withHeader(PLAIN_HEADER, frame(2000))); // too long for a plain frame
        channel.toRead.add(withHeader(PLAIN_HEADER, plain));
        channel.wakeUp();

        assertArrayEquals(superFrame, port.nextFromGuest());
        assertArrayEquals(plain, port.nextFromGuest());
        assertEquals(List.of("segmentation 1 of 1448 after 54, checksum 34+16", "none"), port.offloads);
        assertEquals(Map.of("BAD_OFFLOAD_HEADER", 1L, "TOO_LONG", 1L), guest.fromGuestDropped());
        assertTrue(guest.takesOffloadedFrames());
        world.run(guest::close);
    }

    @Test
    void theWriterPutsTheFramesOffloadsInFrontOfIt() throws Exception {
        OffloadChannel channel = new OffloadChannel();
        RingedGuest guest = world.call(() -> RingedGuest.start(channel, new RecordingPort(world, 1500), world, "t"));
        FrameSupply kernelFrames = world.newSupply("kernel", 1, FrameBuffer.MAX_SUPER_FRAME_BYTES, FrameMemory.HEAP);
        byte[] bytes = frame(20_000);

        world.run(() -> {
            FrameBuffer frame = kernelFrames.take();
            frame.copyFrom(bytes, 0, bytes.length);
            frame.offload().setChecksum(34, 16);
            frame.offload().setSegmentation(FrameOffload.TCPV4, 1448, 54);
            guest.received(frame);
        });

        assertArrayEquals(withHeader(TCP_SUPER_FRAME_HEADER, bytes), channel.written.poll(10, TimeUnit.SECONDS));
        world.run(guest::close);
    }

    /** A guest behind a channel with virtio headers, fed by the test. */
    private static final class OffloadChannel implements GuestChannel {
        final ConcurrentLinkedQueue<byte[]> toRead = new ConcurrentLinkedQueue<>();
        final BlockingQueue<byte[]> written = new LinkedBlockingQueue<>();
        private final Semaphore wake = new Semaphore(0);

        @Override
        public int read(ByteBuffer buffer) {
            byte[] next = toRead.poll();
            if (next == null) {
                return 0;
            }
            buffer.put(0, next);
            return next.length;
        }

        @Override
        public void awaitFrame() {
            wake.acquireUninterruptibly();
        }

        @Override
        public void wakeUp() {
            wake.release();
        }

        @Override
        public void write(ByteBuffer buffer, int lengthBytes) {
            byte[] copy = new byte[lengthBytes];
            buffer.get(0, copy);
            written.add(copy);
        }

        @Override
        public int offloadHeaderBytes() {
            return OffloadHeader.BYTES;
        }

        @Override
        public String describe() {
            return "offloads";
        }

        @Override
        public void close() {
        }
    }
}
