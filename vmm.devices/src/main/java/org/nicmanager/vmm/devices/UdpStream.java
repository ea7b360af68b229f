package org.nicmanager.vmm.devices;

import org.nicmanager.lib.frames.FlowStamp;
import org.nicmanager.lib.frames.FrameWriter;

/**
 * Stamped UDP datagrams, one source port per flow, each flow with its own stamp sequence so that receivers count loss
 * and reordering per flow. The frame is written once; each send rewrites only the source port and the stamp, which no
 * checksum covers (the UDP checksum is left 0).
 */
final class UdpStream implements GuestStream {

    static final int FIRST_SOURCE_PORT = 20_000;
    private static final int DESTINATION_PORT = 9; // discard
    private static final int SOURCE_PORT_OFFSET = FrameWriter.ETHERNET_HEADER_BYTES + FrameWriter.IPV4_HEADER_BYTES;
    private static final int STAMP_OFFSET = SOURCE_PORT_OFFSET + FrameWriter.UDP_HEADER_BYTES;

    private final EmulatedNic nic;
    private final byte[] frame;
    private final long[] sequences;

    UdpStream(EmulatedNic nic, long destinationMac, int frameBytes, int flows) {
        this.nic = nic;
        this.frame = new byte[frameBytes];
        this.sequences = new long[flows];
        FrameWriter.udpFrame(frame, frameBytes, destinationMac, nic.guestMac(), GuestAddresses.sourceIp(nic),
                GuestAddresses.DESTINATION_IP, FIRST_SOURCE_PORT, DESTINATION_PORT, 0, 0);
    }

    @Override
    public void send(int flow, boolean lastOfFlow) {
        int sourcePort = FIRST_SOURCE_PORT + flow;
        frame[SOURCE_PORT_OFFSET] = (byte) (sourcePort >>> 8);
        frame[SOURCE_PORT_OFFSET + 1] = (byte) sourcePort;
        FlowStamp.write(frame, STAMP_OFFSET, flow, sequences[flow]++);
        nic.transmitFromGuest(frame, 0, frame.length); // every outcome is counted by the virtual NIC
    }

    @Override
    public void close() {
        // datagrams leave nothing open
    }
}
