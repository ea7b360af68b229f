package org.nicmanager.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.nic.TransmitStatus;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.bond.BondSettings;
import org.nicmanager.nicmanager.engine.BondTable;
import org.nicmanager.nicmanager.lacp.LacpSettings;
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
 * The receive routing path (patent [0057], [0063]-[0064]): a member's frame routed by destination MAC to one of 64
 * virtual NICs behind a four-member bond, 64-byte frames. With {@code lacp=static} the frame also passes what link
 * aggregation adds (issue 7): the slow-protocols check and the member's collecting gate, as an LACP bond once
 * negotiated. Targets: at least 10 M frames per second, 0 B/op, and no measurable difference between the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReceiveRoutingBenchmark {

    private static final int VMS = 64;

    @Param({"off", "static"})
    public String lacp;

    private final FrameBuffer[] frames = new FrameBuffer[VMS];
    private final long[] delivered = new long[1];
    private NicListener member;
    private PhysicalNic nic;
    private int next;

    /** Test double: a NIC that remembers the first listener a bond attaches, and takes no frames. */
    private final class CapturingNic extends FakeNic {

        CapturingNic(String name) {
            super(name, 0x02_00_00_00_F0_00L);
            withDriver("bench").withLink(10_000_000_000L, 9000).answerTransmitWith(TransmitStatus.BUSY);
        }

        @Override
        public void attach(NicListener listener) {
            if (member == null) {
                member = listener;
                nic = this;
            }
        }
    }

    @Setup
    public void setUp() {
        BondTable table = new BondTable(new ManualScheduler(), VmKnowledge.of(VmFacts.EMPTY_REGISTRY));
        LacpSettings aggregation = new LacpSettings(LacpSettings.parseMode(lacp), false, 0, 1);
        table.create("bench", "hash-l34", BondSettings.defaults().withNotifySwitches(false)
                .withLacp(aggregation.mode() == LacpMode.OFF ? LacpSettings.off() : aggregation));
        for (int i = 0; i < 4; i++) {
            table.nicArrived(new CapturingNic("nic" + i));
        }
        table.add("bench", List.of("nic0", "nic1", "nic2", "nic3"), vm -> false);
        for (int vm = 0; vm < VMS; vm++) {
            long mac = 0x02_00_00_00_01_00L + vm;
            table.connect("bench", "vm" + vm, 5, mac, vm, frame -> delivered[0]++);
            FrameBuffer frame = FrameBuffer.unpooled(64); // release() leaves it for the next round
            frame.setLength(FrameWriter.udpFrame(frame.data(), 60, mac, 0x02_00_00_00_99_01L, 0x0A0000FE,
                    0x0A000000 + vm, 5000, 9, 0, 0));
            frames[vm] = frame;
        }
    }

    @Benchmark
    public long route() {
        int i = next;
        next = i + 1 == VMS ? 0 : i + 1;
        member.frameReceived(nic, frames[i]);
        return delivered[0];
    }
}
