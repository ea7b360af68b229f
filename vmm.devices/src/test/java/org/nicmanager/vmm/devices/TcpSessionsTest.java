package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicModel;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.FlowStamp;
import org.nicmanager.lib.frames.FramePool;
import org.nicmanager.lib.frames.HeaderParser;

/** TCP-like sessions as a receiver sees them: parsed from the frames that reach the uplink. */
class TcpSessionsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int FRAME_BYTES = 1000;
    private static final int PAYLOAD_BYTES = FRAME_BYTES - 54;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final RecordingUplink uplink = new RecordingUplink(world, true);
    private final EmulatedNic nic = new EmulatedNic("vm-0", 0x02_00_00_00_00_01L, VnicModel.E1000, 3,
            new FramePool(64, 9022), world, frame -> frame.release());

    /** One received segment. */
    record Segment(int flags, long sequence, long acknowledgement, int payloadBytes, long stamp) {
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private GuestTraffic start(int flows, long frames) {
        WorkloadSpec spec = new WorkloadSpec(0x02_00_00_00_99_01L, GuestPattern.TCP, 10_000_000, FRAME_BYTES, flows,
                frames, 32);
        return world.call(() -> {
            nic.connect(uplink);
            GuestTraffic traffic = new GuestTraffic(world, nic.name(), GuestPattern.TCP.stream(nic, spec),
                    GuestPattern.TCP.pacing(spec, nic.model().lineRateBps(), new SplittableRandom(1)), flows, frames);
            traffic.start();
            return traffic;
        });
    }

    /** Every segment by source port, in arrival order. */
    private Map<Integer, List<Segment>> sessions() {
        HeaderParser headers = new HeaderParser();
        Map<Integer, List<Segment>> sessions = new HashMap<>();
        for (byte[] frame : uplink.copies) {
            assertEquals(FrameVerdict.OK, headers.parse(frame, frame.length));
            assertEquals(FrameHeaders.PROTOCOL_TCP, headers.protocol());
            assertEquals(TcpSessions.DESTINATION_PORT, headers.destinationPort());
            int l4 = headers.l4Offset();
            int payload = headers.l3End() - headers.payloadOffset();
            long stamp = FlowStamp.present(frame, headers.payloadOffset(), headers.l3End())
                    ? FlowStamp.sequence(frame, headers.payloadOffset()) : -1;
            sessions.computeIfAbsent(headers.sourcePort(), port -> new ArrayList<>()).add(new Segment(
                    headers.tcpFlags(), u32(frame, l4 + 4), u32(frame, l4 + 8), payload, stamp));
        }
        return sessions;
    }

    @Test
    void eachFlowOpensWithASynSendsIncreasingSequenceNumbersAndClosesWithAFin() {
        start(4, 40); // 10 data segments per session
        world.advance(SECOND);
        Map<Integer, List<Segment>> sessions = sessions();
        assertEquals(4, sessions.size());
        for (int flow = 0; flow < 4; flow++) {
            List<Segment> session = sessions.get(TcpSessions.FIRST_SOURCE_PORT + flow);
            assertEquals(12, session.size(), "SYN, 10 segments, FIN");
            Segment syn = session.get(0);
            assertEquals(FrameHeaders.TCP_SYN, syn.flags());
            assertEquals(0, syn.sequence());
            assertEquals(0, syn.payloadBytes());
            for (int i = 1; i <= 10; i++) {
                Segment data = session.get(i);
                assertEquals(FrameHeaders.TCP_PSH | FrameHeaders.TCP_ACK, data.flags());
                assertEquals(1 + (long) (i - 1) * PAYLOAD_BYTES, data.sequence(), "1 + the payload's byte offset");
                assertTrue(data.sequence() > session.get(i - 1).sequence(), "strictly increasing");
                assertEquals(PAYLOAD_BYTES, data.payloadBytes());
                assertEquals(i - 1, data.stamp(), "the stamp numbers the data segments");
            }
            Segment fin = session.get(11);
            assertEquals(FrameHeaders.TCP_FIN | FrameHeaders.TCP_ACK, fin.flags());
            assertEquals(1 + 10L * PAYLOAD_BYTES, fin.sequence(), "after the last byte");
            assertEquals(0, fin.payloadBytes());
        }
    }

    @Test
    void aFlowsFinFollowsItsLastSegmentWhileOthersAreStillSending() {
        start(3, 7); // flow 0 gets three segments, flows 1 and 2 two each
        world.advance(SECOND);
        assertEquals(List.of(3, 2, 2), List.of(dataSegments(0), dataSegments(1), dataSegments(2)));
        // SYN0 D0 SYN1 D1 SYN2 D2 D0 D1 FIN1 D2 FIN2 D0 FIN0
        List<Integer> flags = uplink.copies.stream().map(frame -> frame[47] & 0xFF).toList();
        int fin = FrameHeaders.TCP_FIN | FrameHeaders.TCP_ACK;
        assertEquals(fin, flags.get(8));
        assertEquals(fin, flags.get(10));
        assertEquals(fin, flags.get(12));
        assertEquals(13, flags.size());
    }

    @Test
    void stoppingEarlyClosesEveryOpenSession() {
        GuestTraffic traffic = start(2, Long.MAX_VALUE);
        world.advance(SECOND / 100); // 10 ms at 10 Mb/s: 13 segments
        world.run(traffic::stop);
        world.advance(SECOND);
        Map<Integer, List<Segment>> sessions = sessions();
        for (List<Segment> session : sessions.values()) {
            Segment last = session.get(session.size() - 1);
            assertEquals(FrameHeaders.TCP_FIN | FrameHeaders.TCP_ACK, last.flags());
            Segment beforeLast = session.get(session.size() - 2);
            assertEquals(beforeLast.sequence() + PAYLOAD_BYTES, last.sequence());
        }
        assertEquals(2, sessions.size());
    }

    private int dataSegments(int flow) {
        return (int) sessions().get(TcpSessions.FIRST_SOURCE_PORT + flow).stream()
                .filter(segment -> segment.payloadBytes() > 0).count();
    }

    private static long u32(byte[] data, int offset) {
        return (data[offset] & 0xFFL) << 24 | (data[offset + 1] & 0xFF) << 16 | (data[offset + 2] & 0xFF) << 8
                | (data[offset + 3] & 0xFF);
    }
}
