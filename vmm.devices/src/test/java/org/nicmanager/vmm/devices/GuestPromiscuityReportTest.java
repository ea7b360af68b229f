package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vnic.VnicDelivery;
import org.nicmanager.kernel.api.vnic.VnicSecurity;
import org.nicmanager.kernel.api.vnic.VnicUplink;
import org.nicmanager.kernel.api.vnic.VnicUplinks;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.VmManagerTestDouble;

/**
 * A back end reports its guest's promiscuous mode (issue 15, "Security"): the virtual NIC shows it and tells its NIC
 * manager, again at each connect; a guest that is closed asks for nothing, and a report its back end posted before the
 * close is not taken for the next guest's.
 */
class GuestPromiscuityReportTest {

    private static final long SECOND = 1_000_000_000L;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final VirtualDevicesComponent devices = new VirtualDevicesComponent(world,
            Map.entry(Map.of("seed", 7L), world), new VmManagerTestDouble().running("web"));
    private final RecordingUplinks uplinks = new RecordingUplinks(new VnicUplinksTestDouble(world, "bond0"));
    private final WatchingBackend backend = new WatchingBackend();

    @BeforeEach
    void addARealGuest() {
        devices.bindUplinks(uplinks);
        devices.bindBackend(backend);
        devices.add("watching", "", "", "", "", "", "e1000", "02:00:00:00:00:0a", "bond0", "web");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aReportReachesTheNicManagerAndIsToldAgainAtEachConnect() {
        report(backend.port, true);
        assertTrue(promiscuous());
        assertEquals(List.of("true"), uplinks.told);

        devices.unbindUplinks(uplinks);
        devices.bindUplinks(uplinks);
        assertEquals(List.of("true", "true"), uplinks.told, "a NIC manager that connects it again is told");
        report(backend.port, false);
        assertFalse(promiscuous());
        assertEquals(List.of("true", "true", "false"), uplinks.told);
    }

    @Test
    void aClosedGuestAsksForNothingAndALateReportOfItIsIgnored() {
        GuestPort first = backend.port;
        report(first, true);
        devices.unbindBackend(backend);
        assertFalse(promiscuous(), "its guest closed: no one asks");
        assertEquals(List.of("true", "false"), uplinks.told);
        report(first, true); // posted by the closed back end's watch before it stopped
        assertFalse(promiscuous());

        devices.bindBackend(backend);
        report(first, true);
        assertFalse(promiscuous(), "not the new guest's");
        report(backend.port, true);
        assertTrue(promiscuous());
        assertEquals(List.of("true", "false", "true"), uplinks.told);
    }

    private void report(GuestPort port, boolean promiscuous) {
        world.run(() -> port.guestPromiscuousChanged(promiscuous));
    }

    private boolean promiscuous() {
        return world.call(devices.devices()::rows).get(0).guestPromiscuous();
    }

    /** A back end whose guest only reports its promiscuous mode. */
    private static final class WatchingBackend implements VnicBackend {
        GuestPort port;

        @Override
        public String name() {
            return "watching";
        }

        @Override
        public Set<String> options() {
            return Set.of();
        }

        @Override
        public GuestConnection open(GuestPort port, Map<String, String> options) {
            this.port = port;
            return new GuestConnection() {
                @Override
                public void received(FrameBuffer frame) {
                    frame.release();
                }

                @Override
                public String describe() {
                    return "watched";
                }

                @Override
                public Map<String, Long> fromGuestDropped() {
                    return Map.of();
                }

                @Override
                public Map<String, Long> toGuestDropped() {
                    return Map.of();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** The uplinks double, recording what it is told of the guest's promiscuous mode. */
    private static final class RecordingUplinks implements VnicUplinks {
        private final VnicUplinksTestDouble uplinks;
        final List<String> told = new ArrayList<>();

        RecordingUplinks(VnicUplinksTestDouble uplinks) {
            this.uplinks = uplinks;
        }

        @Override
        public VnicUplink connect(String uplink, String vm, long mac, int port, VnicDelivery delivery) {
            return uplinks.connect(uplink, vm, mac, port, delivery);
        }

        @Override
        public void disconnect(int port) {
            uplinks.disconnect(port);
        }

        @Override
        public void secure(int port, VnicSecurity security) {
            uplinks.secure(port, security);
        }

        @Override
        public void guestMacChanged(int port, long mac) {
            uplinks.guestMacChanged(port, mac);
        }

        @Override
        public void guestPromiscuousChanged(int port, boolean promiscuous) {
            uplinks.secure(port, VnicSecurity.REJECT_ALL); // checks the port is connected, on the world thread
            told.add(Boolean.toString(promiscuous));
        }
    }
}
