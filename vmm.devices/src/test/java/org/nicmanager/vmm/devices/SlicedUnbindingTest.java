package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.VmManagerTestDouble;

/**
 * The NIC manager leaving a host with many virtual NICs (the host stopping) disconnects them in control slices, with
 * the world free for other actions after each slice (issue 17). The world's slice clock is the test's: every reading
 * moves it 1 ms, so a 4 ms slice ends after at most 4 NICs, whatever the machine's load.
 */
class SlicedUnbindingTest {

    private static final long MILLI = 1_000_000L;
    private static final int NICS = 40;
    private static final int SLICE_MS = 4;

    private final AtomicLong ticker = new AtomicLong();
    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 60_000 * MILLI, SLICE_MS * MILLI,
            () -> ticker.addAndGet(MILLI), (timer, failure) -> {
                throw new AssertionError("timer " + timer + " failed", failure);
            });
    private final VmManagerTestDouble vms = new VmManagerTestDouble();
    private final VirtualDevicesComponent devices;

    SlicedUnbindingTest() {
        for (int vm = 0; vm < NICS; vm++) {
            vms.running("vm" + vm);
        }
        devices = new VirtualDevicesComponent(world, Map.entry(Map.of("seed", 7L), world), vms);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theLeavingManagerIsToldInSlicesWithTheWorldFreeBetweenThem() {
        List<Integer> disconnectedWhenProbed = new ArrayList<>();
        boolean[] probeWaiting = {false};
        VnicUplinksTestDouble manager = new VnicUplinksTestDouble(world, "bond0") {
            @Override
            public void disconnect(int port) {
                super.disconnect(port);
                if (!probeWaiting[0]) { // another action, posted while the unbinding goes on
                    probeWaiting[0] = true;
                    world.post(() -> {
                        probeWaiting[0] = false;
                        disconnectedWhenProbed.add(NICS - connected.size());
                    });
                }
            }
        };
        devices.bindUplinks(manager);
        for (int vm = 0; vm < NICS; vm++) {
            devices.add("e1000", "", "bond0", "vm" + vm);
        }
        assertEquals(NICS, manager.connected.size());

        devices.unbindUplinks(manager);

        assertTrue(manager.connected.isEmpty(), "every virtual NIC was disconnected");
        List<Integer> probes = world.call(() -> List.copyOf(disconnectedWhenProbed));
        assertTrue(probes.size() >= NICS / SLICE_MS, "the world ran other actions between slices: " + probes);
        int before = 0;
        for (int disconnected : probes) {
            assertTrue(disconnected - before <= SLICE_MS, "at most " + SLICE_MS + " NICs per slice: " + probes);
            before = disconnected;
        }
        assertEquals(NICS, before);
    }
}
