package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.driver.FrameMemory;
import org.nicmanager.kernel.api.driver.FrameSupply;
import org.nicmanager.kernel.api.driver.ReceiveRing;
import org.nicmanager.kernel.api.driver.TransmitHandler;
import org.nicmanager.kernel.api.driver.TransmitOutcome;
import org.nicmanager.kernel.api.driver.TransmitRing;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FrameWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The driver contract's thread hand-off (issue 14 point 3): 64-byte frames from a driver's I/O thread into the
 * network world and out again. The benchmark thread is the driver: it takes an empty buffer from the
 * {@link FrameSupply}, copies the frame in (the one copy from the device), offers it to the receive ring and
 * publishes each batch; it also takes frames from the transmit ring and completes them. The world thread drains the
 * receive ring and transmits every frame at once on the transmit ring, then drains the completions and releases the
 * buffers to the supply, from where the driver takes them again. So each frame crosses two threads twice.
 *
 * <p>The score is frames per second (one operation is one frame), and {@code gc.alloc.rate.norm} of {@code -prof gc},
 * which counts every thread, is bytes per frame. Target: at least 10 million frames per second, 0 B per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DriverHandoffBenchmark {

    private static final int BATCH = 64;
    private static final int BUFFERS = 4096;
    private static final int RX_SLOTS = 1024;
    /** Room for every buffer, so the world never has to drop a frame it forwards. */
    private static final int TX_SLOTS = BUFFERS;
    private static final int FRAME_BYTES = 64;

    @Param({"HEAP", "DIRECT"})
    public FrameMemory memory;

    private final byte[] device = new byte[FRAME_BYTES];
    private WorldThread world;
    private FrameSupply supply;
    private ReceiveRing rx;
    private TransmitRing tx;
    /** Frames the world could not forward; written by the world, checked at the end. */
    private volatile long forwardRefused;

    @Setup
    public void setUp() {
        FrameWriter.udpFrame(device, 60, 0x02_00_00_00_00_02L, 0x02_00_00_00_00_01L, 0x0A000001, 0x0A000002, 4000,
                9, 0, 0);
        world = new WorldThread(ClockMode.REAL, 10_000_000_000L, (where, failure) -> failure.printStackTrace());
        supply = world.newSupply("bench", BUFFERS, 128, memory);
        world.run(() -> {
            tx = world.openTransmit(world, "bench tx", TX_SLOTS, new TransmitHandler() {
                @Override
                public void transmitDone(FrameBuffer frame, TransmitOutcome outcome) {
                    frame.release();
                }
            });
            rx = world.openReceive(world, "bench rx", RX_SLOTS, this::forward);
        });
    }

    /** The world's side of the receive ring: the kernel sends the frame straight out again. */
    private void forward(FrameBuffer frame) {
        if (!tx.offer(frame)) {
            forwardRefused++;
            frame.release();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void handOffABatch() {
        int handed = 0;
        while (handed < BATCH) {
            FrameBuffer frame = supply.take();
            if (frame == null) {
                rx.publish(); // whatever is waiting, so the world can give buffers back
                completeTransmits();
                Thread.yield(); // the world must run to give buffers back; on a busy machine it may need this core
                continue;
            }
            frame.copyFrom(device, 0, FRAME_BYTES);
            if (!rx.offer(frame)) {
                frame.release();
                rx.publish();
                completeTransmits();
                Thread.yield();
                continue;
            }
            handed++;
        }
        rx.publish();
        completeTransmits();
    }

    /** The driver's transmit side: everything the world queued goes on the wire and completes, in order. */
    private void completeTransmits() {
        FrameBuffer frame;
        boolean any = false;
        while ((frame = tx.take()) != null) {
            tx.complete(frame, TransmitOutcome.SENT);
            any = true;
        }
        if (any) {
            tx.publish();
        }
    }

    @TearDown
    public void tearDown() {
        world.close();
        if (forwardRefused > 0) {
            throw new IllegalStateException(forwardRefused + " frames found the transmit ring full");
        }
    }
}
