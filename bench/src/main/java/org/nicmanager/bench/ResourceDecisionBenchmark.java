package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.resource.Decision;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.scheduler.UplinkFrameScheduler;
import org.nicmanager.resource.scheduler.VmAllocations;
import org.nicmanager.testsupport.ManualScheduler;
import org.nicmanager.testsupport.UplinkPortTestDouble;
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
 * The resource manager's per-frame decision (issue 5's benchmark), with 10, 1,000 and 10,000 VMs on one uplink:
 * <ul>
 * <li>{@code offerToReadyUplink}: the uplink takes every frame, frames come from the VMs in turn, so each decision is
 * the direct path (find the VM, check its gates, charge its virtual time, hand the frame over);</li>
 * <li>{@code offerToBusyUplink}: every VM starts with a backlog and the uplink takes one frame per offer, as many as
 * are offered. A frame goes at once when its VM would be served first anyway; otherwise it is queued and the VM with
 * the lowest virtual time is released.</li>
 * </ul>
 * The allocations: {@code shares} gives the VMs 1,000 to 1,600 shares, so VMs with more shares drain their backlog
 * and send their next frame at once (80% of busy decisions at 10 and at 10,000 VMs, 20% queue and release);
 * {@code equal} gives all 1,000 shares, so every VM stays backlogged and every busy decision queues its frame and
 * releases another; {@code gated} is {@code shares} plus a limit on every VM (never reached), so the gate arithmetic
 * runs too. Kernel time advances 100 ns per decision; no timer fires. Targets: at least 5 million decisions per
 * second at 10,000 VMs, at most 2.5x the cost at 10, 0 B/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ResourceDecisionBenchmark {

    private static final int FRAME_BYTES = 60;
    private static final int BACKLOG_FRAMES = 2;
    private static final long NANOS_PER_DECISION = 100;

    /** The VMs and their allocation, and a scheduler over an uplink of this kind. */
    @State(Scope.Thread)
    public abstract static class Uplink {

        @Param({"10", "1000", "10000"})
        public int vms;

        @Param({"shares", "equal", "gated"})
        public String allocation;

        final ManualScheduler clock = new ManualScheduler();
        final UplinkPortTestDouble port = new UplinkPortTestDouble(100_000_000_000L, "bench0");
        UplinkFrameScheduler scheduler;
        private int nextVm;

        void open(boolean alwaysReady) {
            port.alwaysReady(alwaysReady);
            boolean gated = allocation.equals("gated");
            boolean equal = allocation.equals("equal");
            VmAllocations allocations = new VmAllocations() {
                @Override
                public NetworkAllocation allocationOf(String vm) {
                    int index = Integer.parseInt(vm.substring(2));
                    int shares = equal ? 1000 : 1000 + 100 * (index % 7);
                    return new NetworkAllocation(shares, 0, gated ? 10_000_000_000L : 0, 0, 0, 0, 0, 5);
                }

                @Override
                public boolean suspended(String vm) {
                    return false;
                }
            };
            scheduler = new UplinkFrameScheduler("bench", port, clock, ResourceSettings.defaults(), allocations,
                    (topic, subject, uplink, details, numbers) -> { });
            for (int vm = 0; vm < vms; vm++) {
                scheduler.connect(vm, "vm" + vm);
            }
        }

        int nextVm() {
            int vm = nextVm;
            nextVm = vm + 1 == vms ? 0 : vm + 1;
            return vm;
        }
    }

    /** An uplink that takes every frame at once; one frame buffer per VM, offered in turn. */
    public static class ReadyUplink extends Uplink {
        FrameBuffer[] frames;

        @Setup
        public void setUp() {
            open(true);
            frames = new FrameBuffer[vms];
            for (int vm = 0; vm < vms; vm++) {
                frames[vm] = FrameBuffer.unpooled(64);
                frames[vm].setLength(FRAME_BYTES);
                frames[vm].setSourcePort(vm);
            }
        }
    }

    /** An uplink that takes one frame per decision; every VM starts with a backlog. */
    public static class BusyUplink extends Uplink {
        FramePool pool;

        @Setup
        public void setUp() {
            open(false);
            pool = new FramePool(vms * (BACKLOG_FRAMES + 4), 64);
            for (int round = 0; round < BACKLOG_FRAMES; round++) {
                for (int vm = 0; vm < vms; vm++) {
                    scheduler.offer(frame(vm));
                }
            }
        }

        FrameBuffer frame(int vm) {
            FrameBuffer frame = pool.acquire();
            if (frame != null) {
                frame.setLength(FRAME_BYTES);
                frame.setSourcePort(vm);
            }
            return frame;
        }
    }

    @Benchmark
    public Decision offerToReadyUplink(ReadyUplink uplink) {
        uplink.clock.moveClockOnly(NANOS_PER_DECISION);
        return uplink.scheduler.offer(uplink.frames[uplink.nextVm()]);
    }

    @Benchmark
    public Decision offerToBusyUplink(BusyUplink uplink) {
        uplink.clock.moveClockOnly(NANOS_PER_DECISION);
        uplink.port.setRoom(1);
        FrameBuffer frame = uplink.frame(uplink.nextVm());
        return frame == null ? Decision.DROP : uplink.scheduler.offer(frame);
    }
}
