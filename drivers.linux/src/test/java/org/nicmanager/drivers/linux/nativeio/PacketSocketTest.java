package org.nicmanager.drivers.linux.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.drivers.linux.testnet.PeerSocket;
import org.nicmanager.drivers.linux.testnet.VethPair;

/**
 * The socket layer on a real veth pair, without the driver's threads: what the peer sends appears in the memory-mapped
 * receive ring in order, and what is written into the transmit ring and flushed arrives at the peer.
 */
class PacketSocketTest {

    private static final int FRAMES = 200;
    private static final int WAIT_MILLIS = 10_000;

    private VethPair pair;

    @BeforeEach
    void makePair() {
        assumeTrue(VethPair.possible(), "needs root and the ip tool to make network namespaces");
        pair = VethPair.create();
    }

    @AfterEach
    void removePair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void theKernelTellsTheInterfacesMtuSpeedAndMac() {
        InterfaceFacts facts = InterfaceFacts.read(pair.hostEnd());

        assertEquals(1500, facts.mtuBytes());
        assertTrue(facts.index() > 0);
        assertTrue(facts.mac() != 0);
        assertTrue(facts.speedBps() > 0);
    }

    @Test
    void anUnknownInterfaceIsRefusedNamingItAndThoseThatExist() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> InterfaceFacts.read("nosuch0"));

        assertTrue(refused.getMessage().contains("'nosuch0'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(pair.hostEnd()), refused.getMessage());
    }

    @Test
    void anInterfaceInAKernelBridgeIsRefusedNamingTheBridge() {
        String bridge = "nmb" + pair.hostEnd().substring(3);
        pair.ip("link", "add", bridge, "type", "bridge");
        try {
            InterfaceFacts.requireNoMaster(pair.hostEnd()); // free: no refusal
            pair.ip("link", "set", pair.hostEnd(), "master", bridge);

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> InterfaceFacts.requireNoMaster(pair.hostEnd()));
            assertTrue(refused.getMessage().contains("'" + pair.hostEnd() + "'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("bridge '" + bridge + "'"), refused.getMessage());
        } finally {
            pair.ip("link", "del", bridge);
        }
    }

    @Test
    void groIsLeftOnForASocketThatReceivesSuperFramesAndTurnedOffForOneThatCannot() throws Exception {
        Process gro = new ProcessBuilder("ethtool", "-K", pair.hostEnd(), "gro", "on").inheritIO().start();
        assertEquals(0, gro.waitFor(), "ethtool -K " + pair.hostEnd() + " gro on");
        try (PacketSocket socket = PacketSocket.open(InterfaceFacts.read(pair.hostEnd()), 64, 64)) {
            assertEquals(10, socket.vnetHeaderBytes(), "this kernel takes PACKET_VNET_HDR with rings");
            assertTrue(socket.takesOffloadedFrames(), "this kernel takes PACKET_VNET_HDR");

            String kept = Offloads.prepare(socket.fd(), pair.hostEnd(), true);
            assertTrue(kept.startsWith("gro on (super-frames received whole)"), kept);
            assertTrue(kept.matches(".*gso o(n|ff).*"), kept);
            assertTrue(kept.matches(".*tso o(n|ff)"), kept);

            String turnedOff = Offloads.prepare(socket.fd(), pair.hostEnd(), false);
            assertTrue(turnedOff.startsWith("gro off (was on)"), turnedOff);
        }
    }

    @Test
    void framesFromThePeerFillTheReceiveRingInOrder() throws InterruptedException {
        try (PacketSocket socket = PacketSocket.open(InterfaceFacts.read(pair.hostEnd()), 256, 64);
                PeerSocket peer = PeerSocket.open(pair)) {
            for (int i = 0; i < FRAMES; i++) {
                peer.send(i, 60);
            }
            List<Integer> received = new ArrayList<>();
            MappedRing ring = socket.receiveRing();
            int slot = 0;
            Memory pollFd = new Memory(8);
            while (received.size() < FRAMES) {
                if ((ring.status(slot) & Abi.TP_STATUS_USER) == 0) {
                    pollFd.setInt(0, socket.fd());
                    pollFd.setShort(4, Abi.POLLIN);
                    if (LinuxCalls.poll(pollFd, 1, WAIT_MILLIS) <= 0) {
                        break;
                    }
                    continue;
                }
                int data = ring.offset(slot) + ring.shortField(slot, Abi.TP_MAC);
                // the ring is in native order, the frame in network order
                int etherType = Short.toUnsignedInt(Short.reverseBytes(ring.memory().getShort(data + 12)));
                if (etherType == PeerSocket.TEST_ETHERTYPE) {
                    received.add(Integer.reverseBytes(ring.memory().getInt(data + PeerSocket.SEQUENCE_OFFSET)));
                }
                ring.setStatus(slot, Abi.TP_STATUS_KERNEL);
                slot = ring.next(slot);
            }

            assertEquals(upTo(FRAMES), received);
        }
    }

    @Test
    void framesWrittenToTheTransmitRingAndFlushedReachThePeerInOrder() throws InterruptedException {
        try (PacketSocket socket = PacketSocket.open(InterfaceFacts.read(pair.hostEnd()), 64, 256);
                PeerSocket peer = PeerSocket.open(pair)) {
            MappedRing ring = socket.transmitRing();
            for (int i = 0; i < FRAMES; i++) {
                int slot = i & (ring.frames() - 1);
                assertEquals(Abi.TP_STATUS_AVAILABLE, ring.status(slot));
                int header = ring.offset(slot) + Abi.TPACKET2_TX_DATA_OFFSET;
                for (int b = 0; b < socket.vnetHeaderBytes(); b++) {
                    ring.memory().put(header + b, (byte) 0); // a virtio header: nothing left to do
                }
                int data = header + socket.vnetHeaderBytes();
                for (int b = 0; b < 12; b++) {
                    ring.memory().put(data + b, (byte) 0xff);
                }
                // the ring is in native order, the frame in network order
                ring.memory().putShort(data + 12, Short.reverseBytes((short) PeerSocket.TEST_ETHERTYPE));
                ring.memory().putInt(data + PeerSocket.SEQUENCE_OFFSET, Integer.reverseBytes(i));
                ring.setIntField(slot, Abi.TP_LEN, socket.vnetHeaderBytes() + 60);
                ring.setStatus(slot, Abi.TP_STATUS_SEND_REQUEST);
            }
            assertTrue(socket.flush() >= 0, () -> "flush: " + LinuxCalls.describe(LinuxCalls.errno()));

            List<Integer> received = new ArrayList<>();
            int sequence;
            while (received.size() < FRAMES && (sequence = peer.receiveSequence(WAIT_MILLIS)) >= 0) {
                received.add(sequence);
            }
            assertEquals(upTo(FRAMES), received);
        }
    }

    private static List<Integer> upTo(int frames) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
