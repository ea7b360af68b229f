package org.nicmanager.bench;

import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_IPV4;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_IPV6;
import static org.nicmanager.kernel.api.frame.FrameHeaders.ETHERTYPE_VLAN;
import static org.nicmanager.kernel.api.frame.FrameHeaders.PROTOCOL_TCP;
import static org.nicmanager.kernel.api.frame.FrameHeaders.PROTOCOL_UDP;
import static org.nicmanager.kernel.api.frame.FrameHeaders.TCP_ACK;

import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.frame.FrameVerdict;
import org.nicmanager.lib.frames.HeaderParser;
import org.nicmanager.testsupport.FrameBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link HeaderParser#parse} of typical frames with one reused view, as the network world parses every frame it
 * forwards. Each benchmark returns the flow hash so that the parse cannot be optimised away. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} should be about 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FrameHeadersBenchmark {

    private static final long SERVER_MAC = 0x02_00_00_00_00_02L;
    private static final long CLIENT_MAC = 0x02_00_00_00_00_01L;
    private static final int CLIENT_IP = 0x0A_00_00_01;
    private static final int SERVER_IP = 0x0A_00_00_02;

    private final HeaderParser headers = new HeaderParser();
    private byte[] ipv4Udp;
    private byte[] ipv4Tcp;
    private byte[] vlanIpv4Tcp;
    private byte[] ipv6Tcp;

    @Setup
    public void buildFrames() {
        // 64 bytes each: 14 Ethernet + 20 IPv4 + 8 UDP + 22 payload, and 14 + 20 + 20 TCP + 10 payload.
        ipv4Udp = FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_UDP, CLIENT_IP, SERVER_IP, 50).udp(49152, 53, 30).payload(22).build();
        ipv4Tcp = FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_TCP, CLIENT_IP, SERVER_IP, 50).tcp(49152, 80, TCP_ACK).payload(10).build();
        vlanIpv4Tcp = FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).vlan(ETHERTYPE_VLAN, 5, 100)
                .etherType(ETHERTYPE_IPV4)
                .ipv4(PROTOCOL_TCP, CLIENT_IP, SERVER_IP, 50).tcp(49152, 80, TCP_ACK).payload(10).build();
        ipv6Tcp = FrameBuilder.ethernet(SERVER_MAC, CLIENT_MAC).etherType(ETHERTYPE_IPV6)
                .ipv6(PROTOCOL_TCP, 20 + 10, new long[] {0x2001_0DB8_0000_0000L, 1},
                        new long[] {0x2001_0DB8_0000_0000L, 2})
                .tcp(49152, 80, TCP_ACK).payload(10).build();
        // A benchmark of the error path by mistake would be fast and meaningless.
        requireParsed(ipv4Udp, 64);
        requireParsed(ipv4Tcp, 64);
        requireParsed(vlanIpv4Tcp, 68);
        requireParsed(ipv6Tcp, 84);
    }

    private void requireParsed(byte[] frame, int expectedLength) {
        FrameVerdict verdict = headers.parse(frame, frame.length);
        if (verdict != FrameVerdict.OK || frame.length != expectedLength || headers.sourcePort() != 49152) {
            throw new IllegalStateException("benchmark frame of " + frame.length + " bytes parsed as " + verdict);
        }
    }

    @Benchmark
    public long ipv4Udp64() {
        headers.parse(ipv4Udp, ipv4Udp.length);
        return headers.flowHash();
    }

    @Benchmark
    public long ipv4Tcp64() {
        headers.parse(ipv4Tcp, ipv4Tcp.length);
        return headers.flowHash();
    }

    @Benchmark
    public long vlanIpv4Tcp() {
        headers.parse(vlanIpv4Tcp, vlanIpv4Tcp.length);
        return headers.flowHash();
    }

    @Benchmark
    public long ipv6Tcp() {
        headers.parse(ipv6Tcp, ipv6Tcp.length);
        return headers.flowHash();
    }
}
