package org.nicmanager.drivers.linux;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nicmanager.drivers.linux.nativeio.InterfaceFacts;
import org.nicmanager.drivers.linux.nativeio.PacketSocket;
import org.nicmanager.drivers.linux.testnet.VethPair;
import org.nicmanager.kernel.api.nic.NicListener;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;

/**
 * A {@link LinuxNic} on the host end of a veth pair into a fresh namespace, on a real-clock world thread, for the
 * driver's tests. {@link #close()} stops the NIC's threads, closes its rings and socket, the world and the pair, also
 * after a failed test, and fails when a ring handler or timer threw meanwhile.
 */
final class LinuxNicRig implements AutoCloseable {

    private static final long WORLD_TIMEOUT_NANOS = 10_000_000_000L;

    final List<String> worldFailures = new CopyOnWriteArrayList<>();
    final WorldThread world = new WorldThread(ClockMode.REAL, WORLD_TIMEOUT_NANOS,
            (where, failure) -> worldFailures.add(where + ": " + failure));
    final VethPair pair = VethPair.create();
    private PacketSocket socket;
    private LinuxNic nic;

    /** Opens the packet socket on the host end and makes the NIC, attached to {@code listener}; threads not started. */
    LinuxNic open(String name, NicListener listener, int receiveSlots, int transmitSlots) {
        return open(name, listener, receiveSlots, transmitSlots, 0);
    }

    /** The same, held to a declared line rate ({@code lineRateBps}, 0 for none). */
    LinuxNic open(String name, NicListener listener, int receiveSlots, int transmitSlots, long lineRateBps) {
        InterfaceFacts facts = InterfaceFacts.read(pair.hostEnd());
        socket = PacketSocket.open(facts, receiveSlots, transmitSlots);
        nic = world.call(() -> {
            LinuxNic card = new LinuxNic(world, world, world, name, facts, socket, "untouched", lineRateBps);
            card.attach(listener);
            return card;
        });
        return nic;
    }

    /** The NIC's packet socket, once {@link #open}ed. */
    PacketSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            if (nic != null) {
                nic.stopIo();
                world.run(nic::closeRings);
            }
            if (socket != null) {
                socket.close();
            }
        } finally {
            world.close();
            pair.close();
        }
        if (!worldFailures.isEmpty()) {
            throw new AssertionError("the world reported failures: " + worldFailures);
        }
    }
}
