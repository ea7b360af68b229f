package org.nicmanager.operator.metrics;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** Per physical NIC: frames and bytes each way, drops by cause, hardware errors, transmit queue depth, link state. */
@Component(service = MultiCollector.class)
public final class NicMetrics implements MultiCollector {

    private record NicSample(String name, String driver, long speedBps, LinkState state, boolean ringFull,
            long pendingBytes, int pendingFrames, NicCounters counters) {
    }

    private final NetworkWorld world;
    private final NicInventory inventory;

    @Activate
    public NicMetrics(@Reference NetworkWorld world, @Reference NicInventory inventory) {
        this.world = world;
        this.inventory = inventory;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        for (NicSample nic : world.call(this::sample)) {
            String[] id = {"nic", nic.name()};
            NicCounters counters = nic.counters();
            families.counter("nicmgr_nic_transmitted_frames", "Frames a NIC put on the wire", counters.txFrames(), id);
            families.counter("nicmgr_nic_transmitted_bytes", "Frame bytes a NIC put on the wire (header and payload)",
                    counters.txBytes(), id);
            families.counter("nicmgr_nic_received_frames", "Frames a NIC received", counters.rxFrames(), id);
            families.counter("nicmgr_nic_received_bytes", "Frame bytes a NIC received", counters.rxBytes(), id);
            drop(families, nic.name(), "transmit", "TOO_LONG", counters.txDropsTooLong());
            drop(families, nic.name(), "transmit", "RING_FULL", counters.txBusy());
            drop(families, nic.name(), "transmit", "LINK_DOWN", counters.txDropsLinkDown());
            drop(families, nic.name(), "receive", "TOO_LONG", counters.rxDropsTooLong());
            drop(families, nic.name(), "receive", "NOT_FOR_US", counters.rxDropsNotForUs());
            drop(families, nic.name(), "receive", "NO_LISTENER", counters.rxDropsNoListener());
            families.counter("nicmgr_nic_hardware_errors", "Hardware faults a NIC reported", counters.hardwareErrors(),
                    id);
            families.gauge("nicmgr_nic_pending_bytes", "Bytes on a NIC's transmit ring, not yet on the wire",
                    nic.pendingBytes(), id);
            families.gauge("nicmgr_nic_pending_frames", "Frames on a NIC's transmit ring, not yet on the wire",
                    nic.pendingFrames(), id);
            families.gauge("nicmgr_nic_speed_bytes_per_second", "A NIC's line rate (Prometheus's base unit: bytes)",
                    nic.speedBps() / (double) Byte.SIZE, id);
            families.gauge("nicmgr_nic_up", "1 while a NIC has carrier and healthy hardware, else 0",
                    nic.state() == LinkState.UP ? 1 : 0, id);
            families.gauge("nicmgr_nic_info", "A NIC's driver and link state (UP, DOWN, FAILED, BUSY); always 1", 1,
                    "nic", nic.name(), "driver", nic.driver(), "state",
                    nic.state() == LinkState.UP && nic.ringFull() ? "BUSY" : nic.state().name());
        }
        return families.build();
    }

    /** Every NIC at one moment of the world. */
    private List<NicSample> sample() {
        List<NicSample> samples = new ArrayList<>();
        for (NicInfo info : inventory.nics()) {
            inventory.nic(info.name()).ifPresent(nic -> samples.add(sample(info, nic)));
        }
        return samples;
    }

    private static NicSample sample(NicInfo info, PhysicalNic nic) {
        return new NicSample(info.name(), info.driver(), nic.speedBps(), nic.linkState(), nic.transmitRingFull(),
                nic.pendingBytes(), nic.pendingFrames(), nic.counters());
    }

    private static void drop(Families families, String nic, String direction, String reason, long count) {
        families.counter("nicmgr_nic_dropped_frames", "Frames a NIC dropped or refused, by direction and cause", count,
                "nic", nic, "direction", direction, "reason", reason);
    }
}
