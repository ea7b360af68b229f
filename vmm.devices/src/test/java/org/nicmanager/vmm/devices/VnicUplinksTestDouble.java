package org.nicmanager.vmm.devices;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;

/**
 * Test double of a NIC manager's {@link VnicUplinks}: it knows some bonds and connects virtual NICs to them (refusing
 * an unknown bond by name, as the real one does). It counts the frames each bond is sent; a frame for the MAC of a
 * connected virtual NIC is delivered to it, any other is released. It can lose chosen frames and deliver others late,
 * for receivers with known answers. It checks that it is called on the world thread, and that
 * no disconnected virtual NIC sends to it.
 */
class VnicUplinksTestDouble implements VnicUplinks {

    private final NetworkWorld world;
    private final Set<String> bonds;
    /** Bond of each connected port. */
    final Map<Integer, String> connected = new HashMap<>();
    private final Map<Long, VnicDelivery> deliveries = new HashMap<>();
    private final Map<Integer, Long> macs = new HashMap<>();
    private final Map<String, Long> framesByBond = new HashMap<>();
    /** The security policy and the guest's effective MAC each port was last given. */
    final Map<Integer, VnicSecurity> security = new HashMap<>();
    final Map<Integer, Long> guestMacs = new HashMap<>();
    /** Which frames (numbered from 0 in the order sent) are lost. */
    LongPredicate lose = n -> false;
    /** Which frames are held back and delivered after frame n + {@link #delayBy}. */
    LongPredicate delay = n -> false;
    int delayBy = 1;
    private long carried;
    private FrameBuffer held;
    private long heldUntil;

    VnicUplinksTestDouble(NetworkWorld world, String... bonds) {
        this.world = world;
        this.bonds = new TreeSet<>(List.of(bonds));
    }

    @Override
    public void secure(int port, VnicSecurity policy) {
        requireWorldThread();
        requireConnected(port);
        security.put(port, policy);
    }

    @Override
    public void guestMacChanged(int port, long mac) {
        requireWorldThread();
        requireConnected(port);
        guestMacs.put(port, mac);
    }

    private void requireConnected(int port) {
        if (!connected.containsKey(port)) {
            throw new IllegalArgumentException("no virtual NIC is connected at port " + port);
        }
    }

    @Override
    public VnicUplink connect(String uplink, String vm, long mac, int port, VnicDelivery delivery) {
        requireWorldThread();
        if (!bonds.contains(uplink)) {
            throw new IllegalArgumentException("unknown uplink '" + uplink + "': bonds: " + bonds);
        }
        if (connected.containsKey(port)) {
            throw new AssertionError("port " + port + " connected twice");
        }
        connected.put(port, uplink);
        macs.put(port, mac);
        deliveries.put(mac, delivery);
        return frame -> {
            if (!uplink.equals(connected.get(port))) {
                throw new AssertionError("port " + port + " sent to " + uplink + " while not connected to it");
            }
            framesByBond.merge(uplink, 1L, Long::sum);
            carry(frame);
            return true;
        };
    }

    @Override
    public void disconnect(int port) {
        requireWorldThread();
        connected.remove(port);
        Long mac = macs.remove(port);
        if (mac != null) {
            deliveries.remove(mac);
        }
    }

    long frames(String bond) {
        return framesByBond.getOrDefault(bond, 0L);
    }

    private void carry(FrameBuffer frame) {
        long n = carried++;
        if (lose.test(n)) {
            frame.release();
            return;
        }
        if (delay.test(n) && held == null) {
            held = frame;
            heldUntil = n + delayBy;
            return;
        }
        deliver(frame);
        if (held != null && n >= heldUntil) {
            deliver(held);
            held = null;
        }
    }

    private void deliver(FrameBuffer frame) {
        long destination = 0;
        for (int i = 0; i < 6; i++) {
            destination = destination << 8 | (frame.data()[i] & 0xFF);
        }
        VnicDelivery delivery = deliveries.get(destination);
        if (delivery == null) {
            frame.release();
        } else {
            delivery.deliver(frame);
        }
    }

    private void requireWorldThread() {
        if (!world.inWorld()) {
            throw new AssertionError("the NIC manager was called off the world thread");
        }
    }
}
