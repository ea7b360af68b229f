package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;
import org.nicmanager.kernel.api.vnic.backend.VnicBackend;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.FrameBuilder;
import org.nicmanager.testsupport.VmManagerTestDouble;
import org.nicmanager.vmm.devices.VirtualDevicesComponent.VnicRow;

/**
 * Device back ends chosen per virtual NIC (issue 15 point 2): found by name among the services, refused by name with
 * the ones registered, and carrying frames both ways between their guest and the device; a back end that leaves
 * takes its guests with it until it returns.
 */
class BackendSelectionTest {

    private static final long SECOND = 1_000_000_000L;

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, SECOND, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final VirtualDevicesComponent devices = new VirtualDevicesComponent(world,
            Map.entry(Map.of("seed", 7L), world), new VmManagerTestDouble().running("web").running("db"));
    private final RecordingBackend recording = new RecordingBackend();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void anUnknownBackEndIsRefusedNamingTheRegisteredOnesAndChangesNothing() {
        devices.bindBackend(recording);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> devices.add("qemu", "", "", "", "", "", "e1000", "", "", "web"));
        assertEquals("unknown back end 'qemu'; registered: sim, recording", refused.getMessage());
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> devices.add("recording", "nmtap0", "", "", "", "", "e1000", "", "", "web"));
        assertEquals("back end recording takes no --tap; it takes: --peer", option.getMessage());
        assertTrue(world.call(devices.devices()::rows).isEmpty());
        assertTrue(recording.opened.isEmpty());
    }

    @Test
    void aBackEndsGuestSendsThroughTheUplinkAndReceivesWhatIsForItsMac() {
        VnicUplinksTestDouble uplinks = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(uplinks);
        devices.bindBackend(recording);
        devices.add("recording", "", "", "", "", "guest:1", "e1000", "02:00:00:00:00:0a", "bond0", "web");
        devices.add("e1000", "02:00:00:00:00:0b", "bond0", "db");
        long web = MacAddress.parse("02:00:00:00:00:0a").bits();
        long db = MacAddress.parse("02:00:00:00:00:0b").bits();

        world.run(() -> recording.port.fromGuest(FrameBuilder.ethernet(db, web).etherType(0x0800).padTo(60)
                .buildBuffer()));
        world.run(() -> recording.port.fromGuest(FrameBuilder.ethernet(web, db).etherType(0x0800).padTo(60)
                .buildBuffer())); // the uplink double loops it back to web's own guest
        world.advance(1);

        assertEquals(1, devices.devices().guestStats("db").rxFrames(), "the simulated guest got web's frame");
        assertEquals(1, recording.received.size(), "web's guest got the frame for its MAC");
        VnicRow row = row("web-0");
        assertEquals("recording", row.backend());
        assertEquals("guest:1", row.guest());
        assertEquals(2, row.txFrames());
        assertEquals(1, row.rxFrames());
        assertEquals("sim", row("db-0").backend());
    }

    @Test
    void aBackEndThatLeavesDropsFramesForItsGuestsWithAReasonAndReopensThemWhenItReturns() {
        VnicUplinksTestDouble uplinks = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(uplinks);
        devices.bindBackend(recording);
        devices.add("recording", "", "", "", "", "guest:1", "e1000", "02:00:00:00:00:0a", "bond0", "web");
        long web = MacAddress.parse("02:00:00:00:00:0a").bits();

        devices.unbindBackend(recording);
        assertTrue(recording.closed);
        VnicRow away = row("web-0");
        assertNull(away.guest());
        world.run(() -> uplinks.connect("bond0", "db", 0xbL, 99, frame -> frame.release()).send(
                FrameBuilder.ethernet(web, 0xb).etherType(0x0800).padTo(60).buildBuffer()));
        world.advance(1);
        assertEquals(Map.of("NO_BACKEND", 1L), row("web-0").rxDropped());

        RecordingBackend back = new RecordingBackend();
        devices.bindBackend(back);
        assertEquals(List.of("web-0"), back.opened, "the guest was opened again with its options");
        assertEquals("guest:1", row("web-0").guest());
    }

    @Test
    void framesARealGuestSendsWhileItsVmIsSuspendedAreDroppedWithAReason() {
        VnicUplinksTestDouble uplinks = new VnicUplinksTestDouble(world, "bond0");
        devices.bindUplinks(uplinks);
        devices.bindBackend(recording);
        devices.add("recording", "", "", "", "", "guest:1", "e1000", "02:00:00:00:00:0a", "bond0", "web");
        devices.stateChanged(new VmInfo("web", VmState.SUSPENDED, 5, List.of()), VmState.RUNNING);
        world.run(() -> recording.port.fromGuest(FrameBuilder.ethernet(0xb, 0x0200_0000_000AL).etherType(0x0800)
                .padTo(60).buildBuffer()));
        assertEquals(Map.of("VM_SUSPENDED", 1L), row("web-0").txDropped());
        assertEquals(0, uplinks.frames("bond0"));

        devices.stateChanged(new VmInfo("web", VmState.RUNNING, 5, List.of()), VmState.SUSPENDED);
        world.run(() -> recording.port.fromGuest(FrameBuilder.ethernet(0xb, 0x0200_0000_000AL).etherType(0x0800)
                .padTo(60).buildBuffer()));
        assertEquals(1, uplinks.frames("bond0"), "sent again once the VM runs");
    }

    private VnicRow row(String vnic) {
        return world.call(devices.devices()::rows).stream().filter(row -> row.name().equals(vnic)).findFirst()
                .orElseThrow();
    }

    /** A back end whose guest is the test: it records what the guest receives and lets the test send. */
    private static final class RecordingBackend implements VnicBackend {
        final List<String> opened = new ArrayList<>();
        final List<FrameBuffer> received = new ArrayList<>();
        GuestPort port;
        boolean closed;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Set<String> options() {
            return Set.of("peer");
        }

        @Override
        public GuestConnection open(GuestPort port, Map<String, String> options) {
            this.port = port;
            opened.add(port.vnic());
            return new GuestConnection() {
                @Override
                public void received(FrameBuffer frame) {
                    received.add(frame);
                }

                @Override
                public String describe() {
                    return options.get("peer");
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
                    closed = true;
                }
            };
        }
    }
}
