package org.nicmanager.bench;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.resource.Decision;
import org.nicmanager.kernel.api.resource.NetworkAllocation;
import org.nicmanager.kernel.api.resource.UplinkPort;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondObserver;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.resource.allocation.ResourceSettings;
import org.nicmanager.resource.scheduler.UplinkFrameScheduler;
import org.nicmanager.resource.scheduler.VmAllocations;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.ManualScheduler;
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
 * A VM frame's whole transmit path in the kernel-integrated NIC manager, after the device emulator's copy: the
 * resource manager's decision (steps 806-810), the hand-back to the bond, and the bond's placement on a member (step
 * 812), as the NIC manager's resource round trip wires them. 64-byte frames from 64 VMs with 1,000 to 1,600 shares,
 * four 10 Gb/s members that take every frame at once, so that the host's work alone is measured. Kernel time advances
 * 100 ns per frame; no timer fires. Target: 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VmTransmitBenchmark {

    private static final int VMS = 64;
    private static final int FRAMES = VMS * 4;
    private static final long NANOS_PER_FRAME = 100;

    @Param({"round-robin", "hash-l34", "tcp-session"})
    public String policy;

    private final FrameBuffer[] frames = new FrameBuffer[FRAMES];
    private final ManualScheduler clock = new ManualScheduler();
    private UplinkFrameScheduler scheduler;
    private int next;

    /** The bond as its scheduler sees it, as the kernel-integrated NIC manager hands it over. */
    private record BondPort(Bond bond) implements UplinkPort {

        @Override
        public boolean ready() {
            return bond.ready();
        }

        @Override
        public void send(FrameBuffer frame) {
            bond.transmit(frame);
        }

        @Override
        public long capacityBps() {
            return bond.capacityBps(Set.of());
        }

        @Override
        public long capacityWithoutBps(Collection<String> failedNics) {
            return bond.capacityBps(failedNics);
        }

        @Override
        public List<String> nics() {
            return List.of("nic0", "nic1", "nic2", "nic3");
        }
    }

    @Setup
    public void setUp() {
        VmKnowledge vms = VmKnowledge.of(VmFacts.EMPTY_REGISTRY);
        for (int vm = 0; vm < VMS; vm++) {
            vms.connected(vm, "vm" + vm, vm % 11);
        }
        Bond bond = new Bond("bench", policy, vms, clock, BondSettings.defaults().withNotifySwitches(false));
        for (int member = 0; member < 4; member++) {
            bond.addMember(new FakeNic("nic" + member, 0x02_00_00_00_F0_00L + member).withDriver("bench")
                    .withLink(10_000_000_000L, 9000).varyPendingBytesWithEachFrame());
        }
        VmAllocations allocations = new VmAllocations() {
            @Override
            public NetworkAllocation allocationOf(String vm) {
                int index = Integer.parseInt(vm.substring(2));
                return new NetworkAllocation(1000 + 100 * (index % 7), 0, 0, 0, 0, 0, 0, 5);
            }

            @Override
            public boolean suspended(String vm) {
                return false;
            }
        };
        scheduler = new UplinkFrameScheduler("bench", new BondPort(bond), clock, ResourceSettings.defaults(),
                allocations, (topic, subject, uplink, details, numbers) -> { });
        bond.setReadyListener(scheduler::uplinkReady);
        bond.setObserver(new BondObserver() {
            @Override
            public void recorded(Bond changed, FailoverEvent event) {
            }

            @Override
            public void carriersChanged(Bond changed) {
                scheduler.capacityChanged();
            }
        });
        for (int vm = 0; vm < VMS; vm++) {
            scheduler.connect(vm, "vm" + vm);
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
    public Decision transmit() {
        clock.moveClockOnly(NANOS_PER_FRAME);
        int i = next;
        next = i + 1 == FRAMES ? 0 : i + 1;
        return scheduler.offer(frames[i]);
    }
}
