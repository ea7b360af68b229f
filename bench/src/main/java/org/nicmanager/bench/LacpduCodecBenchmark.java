package org.nicmanager.bench;

import java.util.concurrent.TimeUnit;

import org.nicmanager.lib.lacp.LacpParticipant;
import org.nicmanager.lib.lacp.LacpState;
import org.nicmanager.lib.lacp.Lacpdu;
import org.nicmanager.lib.lacp.LacpduCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LACPDU encoding and decoding (IEEE 802.1AX-2014 6.4.2.3): a control path, a handful a second per link, so the
 * figure is for scale: how many links one core could keep talking.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LacpduCodecBenchmark {

    private static final LacpParticipant ACTOR = new LacpParticipant(65535, 0x0253_4300_0001L, 7, 255, 1,
            0x3F);
    private static final LacpParticipant PARTNER = new LacpParticipant(32768, 0x0253_5300_0001L, 7, 32768, 1,
            LacpState.ACTIVITY | LacpState.AGGREGATION | LacpState.SYNCHRONIZATION);
    private final Lacpdu pdu = new Lacpdu(ACTOR, PARTNER, 0);
    private final byte[] frame = new byte[LacpduCodec.FRAME_BYTES];

    {
        LacpduCodec.encode(pdu, 0x0253_4300_0001L, frame);
    }

    @Benchmark
    public int encode() {
        return LacpduCodec.encode(pdu, 0x0253_4300_0001L, frame);
    }

    @Benchmark
    public Object decode() {
        return LacpduCodec.decode(frame, frame.length);
    }

    @Benchmark
    public boolean isSlowProtocols() {
        return LacpduCodec.isSlowProtocols(frame, frame.length);
    }
}
