package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.distribution.BondDistributor;
import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.distribution.PortOwners;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.nicmanager.distribution.HeaderFacts;
import org.nicmanager.nicmanager.distribution.PolicyCatalog;
import org.nicmanager.nicmanager.vms.VmFacts;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.PortOwnersTestDouble;
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
 * The member choice for outgoing frames (patent step 812) under every policy: 64-byte frames from 64 VMs, each VM
 * with its own flows, over a four-member bond. Each operation parses one frame's headers in place and selects its
 * member, as the transmit path will. Target (issue 4): at least 10 million frames per second per core, 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DistributionBenchmark {

    private static final int VMS = 64;
    private static final int MEMBERS = 4;
    /** Frames cycled through: 4 flows per VM. */
    private static final int FRAMES = VMS * 4;

    @Param({"round-robin", "least-loaded", "hash-l2", "hash-l3", "hash-l34", "hash-l34-rebalanced", "ip-hash-else-rr",
        "per-vm", "tcp-session", "priority-aware", "failover-order", "load-based"})
    public String policy;

    private final byte[][] frames = new byte[FRAMES][];
    private final int[] ports = new int[FRAMES];
    private final HeaderParser headers = new HeaderParser();
    private final long[] pending = new long[MEMBERS];
    /** The parsed frame as a policy sees it: the bond's own view. */
    private final HeaderFacts facts = new HeaderFacts(headers);
    private BondDistributor distributor;
    private int next;

    /** A bond of four members, all up, with loads that a least-loaded choice must read. */
    private final class Bond implements MemberTable {
        @Override
        public int activeCount() {
            return MEMBERS;
        }

        @Override
        public int active(int index) {
            return index;
        }

        @Override
        public boolean isActive(int slot) {
            return true;
        }

        @Override
        public long pendingBytes(int slot) {
            return pending[slot];
        }

        @Override
        public long speedBps(int slot) {
            return 10_000_000_000L;
        }

        @Override
        public long txBytes(int slot) {
            return 0;
        }

        @Override
        public long txFrames(int slot) {
            return 0;
        }
    }

    /** What a bond gives its policy: these members and VMs, vSphere's load-based thresholds. */
    private static PolicyContext context(MemberTable members, PortOwners vms) {
        return new PolicyContext() {
            @Override
            public String bondName() {
                return "bench";
            }

            @Override
            public MemberTable members() {
                return members;
            }

            @Override
            public PortOwners ports() {
                return vms;
            }

            @Override
            public int busyThresholdPercent() {
                return 75;
            }

            @Override
            public int busyWindowSeconds() {
                return 30;
            }

            @Override
            public void portMoved(int port, int fromSlot, int toSlot, int fromPercent, int toPercent,
                    int busySeconds) {
            }
        };
    }

    @Setup
    public void setUp() {
        for (int i = 0; i < FRAMES; i++) {
            int vm = i % VMS;
            int flow = i / VMS;
            byte[] frame = new byte[64];
            int offset = FrameWriter.ethernet(frame, 0x02_00_00_00_FF_01L, 0x02_00_00_00_00_00L + vm,
                    FrameHeaders.ETHERTYPE_IPV4);
            offset = FrameWriter.ipv4(frame, offset, 0x0A000000 + vm, 0x0A0100FE, FrameHeaders.PROTOCOL_TCP, 40);
            FrameWriter.tcp(frame, offset, 40_000 + flow, 443, 1, 1, FrameHeaders.TCP_ACK, 65_535);
            frames[i] = frame;
            ports[i] = vm;
        }
        distributor = PolicyCatalog.builtIn(VmKnowledge.of(VmFacts.EMPTY_REGISTRY)).require(policy)
                .create(context(new Bond(), PortOwnersTestDouble.prioritiesInTurn(VMS)));
    }

    @Benchmark
    public int parseAndSelect() {
        int i = next;
        next = i + 1 == FRAMES ? 0 : i + 1;
        headers.parse(frames[i], 60);
        int member = distributor.select(facts.from(ports[i]));
        pending[member] += 84; // the chosen member's queue grows, as it would
        if (pending[member] > 1_000_000) {
            pending[member] = 0;
        }
        return member;
    }
}
