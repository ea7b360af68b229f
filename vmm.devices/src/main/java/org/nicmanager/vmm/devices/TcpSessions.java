package org.nicmanager.vmm.devices;

import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.lib.frames.FlowStamp;
import org.nicmanager.lib.frames.FrameWriter;

/**
 * TCP-like sessions, one per flow (its own source port: its own 5-tuple, which the {@code tcp-session} policy keeps on
 * one member, patent [0121]). A session opens with a SYN, then sends data segments whose sequence numbers are real, and
 * closes with a FIN after its last segment or when the workload is stopped. Sequence numbers are relative, as
 * Wireshark shows them: the initial sequence number is 0 and the SYN takes one, so a data segment's sequence number is
 * 1 + the byte offset of its payload in the session's stream, and the FIN's is 1 + the bytes sent.
 *
 * <p>Data segments carry the {@link FlowStamp} at the start of their payload, so receivers judge loss and reordering
 * exactly as for datagrams; the SYN and the FIN are bare segments (no payload, no stamp). Segments are written once
 * as templates; each send rewrites only the source port, the sequence number, the flags and the stamp, which no
 * checksum covers (the TCP checksum is left 0). The data segments have the PSH and ACK flags, acknowledging the
 * peer's SYN as if it had answered with initial sequence number 0; this is a one-way generator.
 */
final class TcpSessions implements GuestStream {

    static final int FIRST_SOURCE_PORT = 20_000;
    static final int DESTINATION_PORT = 5001; // iperf's
    static final long INITIAL_SEQUENCE = 0;
    static final int TCP_OFFSET = FrameWriter.ETHERNET_HEADER_BYTES + FrameWriter.IPV4_HEADER_BYTES;
    static final int PAYLOAD_OFFSET = TCP_OFFSET + FrameWriter.TCP_HEADER_BYTES;
    private static final int SEQUENCE_OFFSET = TCP_OFFSET + 4;
    private static final int ACKNOWLEDGEMENT_OFFSET = TCP_OFFSET + 8;
    private static final int FLAGS_OFFSET = TCP_OFFSET + 13;
    /** What the peer's SYN would have taken: its ISN 0, plus one. */
    private static final long PEER_NEXT_SEQUENCE = 1;
    private static final int WINDOW = 65_535;

    private static final byte NEW = 0;
    private static final byte OPEN = 1;
    private static final byte CLOSED = 2;

    private final EmulatedNic nic;
    private final byte[] segment;
    private final byte[] control = new byte[FrameWriter.MIN_FRAME_BYTES];
    private final int payloadBytes;
    /** Data segments sent per flow: the stamp's sequence, and the byte offset in units of {@link #payloadBytes}. */
    private final long[] segmentsSent;
    private final byte[] states;

    /** @param frameBytes the size of a data segment, at least {@link #PAYLOAD_OFFSET} + {@link FlowStamp#BYTES} */
    TcpSessions(EmulatedNic nic, long destinationMac, int frameBytes, int flows) {
        if (frameBytes < PAYLOAD_OFFSET + FlowStamp.BYTES) {
            throw new IllegalArgumentException("a stamped TCP segment is at least " + (PAYLOAD_OFFSET + FlowStamp.BYTES)
                    + " bytes, not " + frameBytes);
        }
        this.nic = nic;
        this.segment = new byte[frameBytes];
        this.payloadBytes = frameBytes - PAYLOAD_OFFSET;
        this.segmentsSent = new long[flows];
        this.states = new byte[flows];
        int sourceIp = GuestAddresses.sourceIp(nic);
        int offset = FrameWriter.ethernet(segment, destinationMac, nic.guestMac(), FrameHeaders.ETHERTYPE_IPV4);
        offset = FrameWriter.ipv4(segment, offset, sourceIp, GuestAddresses.DESTINATION_IP, FrameHeaders.PROTOCOL_TCP,
                frameBytes - FrameWriter.ETHERNET_HEADER_BYTES);
        FrameWriter.tcp(segment, offset, FIRST_SOURCE_PORT, DESTINATION_PORT, 0, PEER_NEXT_SEQUENCE,
                FrameHeaders.TCP_PSH | FrameHeaders.TCP_ACK, WINDOW);
        offset = FrameWriter.ethernet(control, destinationMac, nic.guestMac(), FrameHeaders.ETHERTYPE_IPV4);
        offset = FrameWriter.ipv4(control, offset, sourceIp, GuestAddresses.DESTINATION_IP, FrameHeaders.PROTOCOL_TCP,
                FrameWriter.IPV4_HEADER_BYTES + FrameWriter.TCP_HEADER_BYTES);
        FrameWriter.tcp(control, offset, FIRST_SOURCE_PORT, DESTINATION_PORT, 0, 0, 0, WINDOW);
        // the rest of both arrays stays 0: the payload after the stamp, and the control frame's Ethernet padding
    }

    @Override
    public void send(int flow, boolean lastOfFlow) {
        if (states[flow] == CLOSED) {
            return; // the session has ended; a workload never gives a closed flow another turn
        }
        if (states[flow] == NEW) {
            sendControl(flow, FrameHeaders.TCP_SYN, INITIAL_SEQUENCE, 0);
            states[flow] = OPEN;
        }
        long sent = segmentsSent[flow]++;
        putSourcePort(segment, flow);
        put32(segment, SEQUENCE_OFFSET, nextSequence(sent));
        FlowStamp.write(segment, PAYLOAD_OFFSET, flow, sent);
        nic.transmitFromGuest(segment, 0, segment.length); // every outcome is counted by the virtual NIC
        if (lastOfFlow) {
            finish(flow);
        }
    }

    @Override
    public void close() {
        for (int flow = 0; flow < states.length; flow++) {
            if (states[flow] == OPEN) {
                finish(flow);
            }
        }
    }

    private void finish(int flow) {
        sendControl(flow, FrameHeaders.TCP_FIN | FrameHeaders.TCP_ACK, nextSequence(segmentsSent[flow]),
                PEER_NEXT_SEQUENCE);
        states[flow] = CLOSED;
    }

    /** The sequence number after {@code segments} data segments: ISN, one for the SYN, then the bytes sent. */
    private long nextSequence(long segments) {
        return INITIAL_SEQUENCE + 1 + segments * payloadBytes;
    }

    private void sendControl(int flow, int flags, long sequence, long acknowledgement) {
        putSourcePort(control, flow);
        put32(control, SEQUENCE_OFFSET, sequence);
        put32(control, ACKNOWLEDGEMENT_OFFSET, acknowledgement);
        control[FLAGS_OFFSET] = (byte) flags;
        nic.transmitFromGuest(control, 0, control.length);
    }

    private static void putSourcePort(byte[] frame, int flow) {
        int port = FIRST_SOURCE_PORT + flow;
        frame[TCP_OFFSET] = (byte) (port >>> 8);
        frame[TCP_OFFSET + 1] = (byte) port;
    }

    /** The low 32 bits, big-endian: TCP sequence numbers wrap modulo 2^32. */
    private static void put32(byte[] frame, int offset, long value) {
        frame[offset] = (byte) (value >>> 24);
        frame[offset + 1] = (byte) (value >>> 16);
        frame[offset + 2] = (byte) (value >>> 8);
        frame[offset + 3] = (byte) value;
    }
}
