package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameWriter;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.teaming.LoadDistribution;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.core.time.TimerQueue;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.distribution.VmDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bond's transmit decision for one frame (issue 4's benchmark): classify (parse the headers in place), select a
 * member from the policy's table, hand the frame to that member's driver. 64-byte frames from 64 VMs, four members.
 * The drivers are test doubles that take every frame at once, so that only the NIC manager's work is measured.
 * Target: at least 10 million frames per second per core, 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BondTransmitBenchmark {

    private static final int VMS = 64;
    private static final int FRAMES = VMS * 4;

    @Param({"round-robin", "least-loaded", "hash-l2-src", "hash-l2-dst", "hash-l2", "hash-l3-src", "hash-l3-dst",
        "hash-l3", "hash-l34", "ip-hash-else-rr", "per-vm", "tcp-session", "priority-aware", "failover-order"})
    public String policy;

    private final FrameBuffer[] frames = new FrameBuffer[FRAMES];
    private Bond bond;
    private int next;

    /** Test double: a NIC whose transmit ring is always free, putting every frame on the wire at once. */
    private static final class InstantNic implements PhysicalNic {
        private final String name;
        private long sent;

        InstantNic(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String driver() {
            return "bench";
        }

        @Override
        public long macAddress() {
            return 0x02_00_00_00_F0_00L;
        }

        @Override
        public long speedBps() {
            return 10_000_000_000L;
        }

        @Override
        public int mtuBytes() {
            return 9000;
        }

        @Override
        public LinkState linkState() {
            return LinkState.UP;
        }

        @Override
        public TransmitStatus transmit(FrameBuffer frame) {
            sent++;
            frame.release();
            return TransmitStatus.ACCEPTED;
        }

        @Override
        public long pendingBytes() {
            return sent & 0xFFF; // a changing load for least-loaded to read
        }

        @Override
        public int pendingFrames() {
            return 0;
        }

        @Override
        public boolean transmitRingFull() {
            return false;
        }

        @Override
        public void attach(NicListener listener) {
        }

        @Override
        public void setPromiscuous(boolean promiscuous) {
        }

        @Override
        public NicCounters counters() {
            return NicCounters.ZERO;
        }
    }

    /** A scheduler on a clock that stands still: the benchmark fires no timers. */
    private static final class StillScheduler implements KernelScheduler {
        private final TimerQueue timers = new TimerQueue(this);

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public ClockMode mode() {
            return ClockMode.VIRTUAL;
        }

        @Override
        public Timer newTimer(String name, Runnable action) {
            return timers.newTimer(name, action);
        }
    }

    /** Port p belongs to VM p, priorities 0..10 in turn. */
    private static final class Vms implements VmDirectory {
        @Override
        public int portBound() {
            return VMS;
        }

        @Override
        public int vmOfPort(int port) {
            return port;
        }

        @Override
        public int priorityOfPort(int port) {
            return port % 11;
        }
    }

    @Setup
    public void setUp() {
        bond = new Bond("bench", LoadDistribution.fromShellName(policy), new Vms(), new StillScheduler(),
                BondSettings.defaults().withNotifySwitches(false));
        for (int member = 0; member < 4; member++) {
            bond.addMember(new InstantNic("nic" + member));
        }
        for (int i = 0; i < FRAMES; i++) {
            int vm = i % VMS;
            FrameBuffer frame = FrameBuffer.unpooled(64); // release() leaves it for the next round
            byte[] data = frame.data();
            int offset = FrameWriter.ethernet(data, 0x02_00_00_00_FF_01L, 0x02_00_00_00_00_00L + vm,
                    FrameHeaders.ETHERTYPE_IPV4);
            offset = FrameWriter.ipv4(data, offset, 0x0A000000 + vm, 0x0A0100FE, FrameHeaders.PROTOCOL_TCP, 40);
            FrameWriter.tcp(data, offset, 40_000 + i / VMS, 443, 1, 1, FrameHeaders.TCP_ACK, 65_535);
            frame.setLength(60);
            frame.setSourcePort(vm);
            frames[i] = frame;
        }
    }

    @Benchmark
    public Object transmit() {
        int i = next;
        next = i + 1 == FRAMES ? 0 : i + 1;
        return bond.transmit(frames[i]);
    }
}
