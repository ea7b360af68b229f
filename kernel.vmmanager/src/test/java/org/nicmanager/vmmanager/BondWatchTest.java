package org.nicmanager.vmmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.testsupport.FakeNic;

/** The bond watch, with the bond's members as test doubles whose transmit counters the test moves. */
class BondWatchTest {

    private static final long MS = 1_000_000L;
    private static final long GBPS = 1_000_000_000L;

    private final BondWatch watch = new BondWatch();
    /** The bond's members: 1 Gb/s NICs whose transmit counters the test sets. */
    private final Map<String, FakeNic> nics = Map.of("nic0", new FakeNic("nic0", 0x02_00_00_00_00_10L),
            "nic1", new FakeNic("nic1", 0x02_00_00_00_00_11L));

    private Optional<PhysicalNic> nic(String name) {
        return Optional.ofNullable(nics.get(name));
    }

    private static BondInfo bond(LinkState second) {
        return new BondInfo("bond0", "round-robin", LacpMode.OFF, FailbackMode.IMMEDIATE, List.of(
                new BondMember("nic0", LinkState.UP, true, 0, 0),
                new BondMember("nic1", second, second == LinkState.UP, 0, 0)), 0, 0);
    }

    @Test
    void aFailureComesWithTheDemandCarriedBeforeItAndTheCapacityLeft() {
        for (long t = 0; t <= 600; t += 10) {
            // 700 Mb/s on each member: 875,000 bytes per 10 ms.
            nics.get("nic0").reportTransmitted(0, t * 87_500);
            nics.get("nic1").reportTransmitted(0, t * 87_500);
            assertTrue(watch.sample(t * MS, List.of(bond(LinkState.UP)), this::nic, 500 * MS).isEmpty());
        }
        List<BondWatch.Change> failed = watch.sample(610 * MS, List.of(bond(LinkState.DOWN)), this::nic, 500 * MS);
        assertEquals(1, failed.size());
        BondWatch.Change change = failed.get(0);
        assertTrue(change.failed());
        assertEquals(List.of("nic1"), change.failedMembers());
        assertEquals(GBPS, change.capacityBps());
        assertEquals(1_400_000_000L, change.demandBps(), 30_000_000L, "the last 500 ms carried ~1.4 Gb/s");
        assertTrue(watch.sample(620 * MS, List.of(bond(LinkState.DOWN)), this::nic, 500 * MS).isEmpty(),
                "one change per failure");
        List<BondWatch.Change> whole = watch.sample(630 * MS, List.of(bond(LinkState.UP)), this::nic, 500 * MS);
        assertEquals(1, whole.size());
        assertTrue(!whole.get(0).failed());
    }
}
