package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.bond.Bond;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
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
        "hash-l3", "hash-l34", "ip-hash-else-rr", "per-vm", "tcp-session", "priority-aware", "failover-order",
        "load-based"})
    public String policy;

    private final FrameBuffer[] frames = new FrameBuffer[FRAMES];
    private Bond bond;
    private int next;

    /** A 10 Gb/s NIC, always up and free, that puts every frame on the wire at once: the bond's work alone counts. */
    private static FakeNic benchNic(String name) {
        return new FakeNic(name, 0x02_00_00_00_F0_00L).withDriver("bench").withLink(10_000_000_000L, 9000)
                .varyPendingBytesWithEachFrame();
    }

    @Setup
    public void setUp() {
        VmKnowledge vms = VmKnowledge.of(VmFacts.EMPTY_REGISTRY);
        for (int vm = 0; vm < VMS; vm++) {
            vms.connected(vm, "vm" + vm, vm % 11); // port i belongs to VM i, as the frames' source ports below
        }
        bond = new Bond("bench", policy, vms, new ManualScheduler(),
                BondSettings.defaults().withNotifySwitches(false));
        for (int member = 0; member < 4; member++) {
            bond.addMember(benchNic("nic" + member));
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
