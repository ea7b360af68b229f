package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.api.NicModel;
import org.nicmanager.sim.api.SimulatedCard;
import org.nicmanager.sim.network.model.SimSettings;
import org.nicmanager.sim.network.model.SimulatedNetwork;
import org.nicmanager.sim.network.model.TrafficPattern;
import org.nicmanager.sim.network.model.TrafficSpec;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many simulated 64-byte frames the world moves per second of wall-clock time under the virtual clock: one 1 Gb/s
 * card kept saturated by a driver that refills its ring on every {@code transmitReady}, through a learning switch to a
 * 10 Gb/s host that counts every frame by flow. Each operation advances virtual time by 100 ms, about 148,810 frames:
 * long enough that the two hand-offs to the world thread per operation hardly count. The {@code frames} counter is the
 * rate that matters. Divide {@code gc.alloc.rate.norm} (bytes per operation) by 148,810 for bytes per frame.
 *
 * <p>{@code cablePropagationDelayNanos} 0 hands frames across cables synchronously; 500 (the default) puts two more
 * timer expiries on each frame's path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SimulatedFramesBenchmark {

    private static final long ADVANCE_NANOS = 100_000_000L;
    private static final NicModel E1000 = new NicModel("e1000", "e1000sim", 1_000_000_000L, 9000, 256, 256);

    @Param({"0", "500"})
    public long cablePropagationDelayNanos;

    private WorldThread world;
    private SimulatedNetwork network;
    private long deliveredSoFar;
    /** A timer that threw; the run is void then. */
    private volatile Throwable timerFailure;

    /** Frames delivered to the host, reported by JMH as a rate next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered {
        public long frames;

        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    /** A driver that keeps the card's ring full of one 60-byte frame, copied into pooled buffers. */
    private static final class SaturatingDriver implements NicListener {
        private final SimulatedCard card;
        private final FramePool pool = new FramePool(1024, 128);
        private final byte[] template = new byte[FrameWriter.MIN_FRAME_BYTES];

        SaturatingDriver(SimulatedCard card, long destinationMac) {
            this.card = card;
            FrameWriter.udpFrame(template, template.length, destinationMac, card.macAddress(), 0x0A0000FE, 0x0A000001,
                    4000, 9, 0, 0);
            card.attach(this);
        }

        void fill() {
            while (!card.transmitRingFull()) {
                FrameBuffer frame = pool.acquire();
                if (frame == null) {
                    return;
                }
                frame.copyFrom(template, 0, template.length);
                if (card.transmit(frame) != TransmitStatus.ACCEPTED) {
                    frame.release();
                    return;
                }
            }
        }

        @Override
        public void transmitReady(PhysicalNic nic) {
            fill();
        }

        @Override
        public void frameReceived(PhysicalNic nic, FrameBuffer frame) {
            frame.release();
        }

        @Override
        public void linkStateChanged(PhysicalNic nic, LinkState state) {
        }
    }

    @Setup(Level.Trial)
    public void saturateACard() {
        world = new WorldThread(ClockMode.VIRTUAL, 10_000_000_000L, (timer, failure) -> timerFailure = failure);
        SimSettings settings = SimSettings.defaults().withCablePropagationDelayNanos(cablePropagationDelayNanos)
                .withPoolBuffers(4096);
        world.run(() -> {
            network = new SimulatedNetwork(world, (topic, subject, fault) -> { }, 1, settings);
            network.addSwitch("sw", 4);
            network.addHost("sink", "sw", -1, 0, 0);
            long sinkMac = network.topology().links().stream().filter(link -> link.device().equals("sink"))
                    .map(link -> MacAddress.parse(link.mac()).bits()).findFirst()
                    .orElseThrow();
            new SaturatingDriver(network.createCard("nic0", E1000, "sw"), sinkMac).fill();
            // One frame back from the sink, so the switch learns it and forwards rather than floods, as for any
            // host that has ever spoken.
            network.startTraffic("sink", new TrafficSpec("nic0", Rate.parse("1kpps"), 60, 1, TrafficPattern.CBR, 1,
                    1_000));
        });
    }

    @TearDown(Level.Trial)
    public void stopTheWorld() {
        world.close();
    }

    @Benchmark
    public long advanceHundredMilliseconds(Delivered delivered) {
        world.advance(ADVANCE_NANOS);
        if (timerFailure != null) {
            throw new IllegalStateException("a simulation timer failed", timerFailure);
        }
        long total = world.call(() -> network.hostStats("sink").rxFrames());
        delivered.frames += total - deliveredSoFar;
        deliveredSoFar = total;
        return total;
    }
}
