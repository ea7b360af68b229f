package org.nicmanager.vmmanager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.PhysicalNic;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;

/**
 * Watches the bonds from the network world's thread, on the bottleneck reaction's kernel timer: which members carry
 * traffic, what capacity that gives, and how many bits per second the bond carried lately (its members' transmit
 * counters). So a failure is seen in the same kernel instant under virtual time, with the demand that was being served
 * just before it (patent step 820: is the bandwidth left enough?). Control path.
 */
final class BondWatch {

    /** A bond lost a member, or became whole again. */
    record Change(String bond, boolean failed, List<String> failedMembers, long capacityBps, long demandBps) {
    }

    private static final int SAMPLES = 512;
    private static final double NANOS_PER_SECOND = 1e9;

    /** One bond's last states and carried-bytes history. */
    private static final class Watched {

        final Map<String, Long> lastTxBytes = new HashMap<>();
        final long[] times = new long[SAMPLES];
        final long[] carried = new long[SAMPLES];
        int newest = -1;
        int size;
        long carriedBytes;
        int failedMembers;
    }

    private final Map<String, Watched> bonds = new HashMap<>();

    /**
     * Samples every bond now.
     *
     * @param nics the NIC of that name (the kernel's inventory, on the world thread)
     * @param demandWindowNanos what "lately" means for the demand
     * @return the bonds that lost a member or became whole since the last sample
     */
    List<Change> sample(long nowNanos, List<BondInfo> now, Function<String, Optional<PhysicalNic>> nics,
            long demandWindowNanos) {
        List<Change> changes = new ArrayList<>();
        Map<String, Watched> seen = new HashMap<>();
        for (BondInfo bond : now) {
            Watched watched = bonds.computeIfAbsent(bond.name(), name -> new Watched());
            seen.put(bond.name(), watched);
            long capacity = 0;
            List<String> failed = new ArrayList<>();
            for (BondMember member : bond.members()) {
                Optional<PhysicalNic> nic = nics.apply(member.name());
                if (member.state() != LinkState.UP) {
                    failed.add(member.name());
                } else if (member.active()) {
                    capacity += nic.map(PhysicalNic::speedBps).orElse(0L);
                }
                nic.ifPresent(present -> carried(watched, member.name(), present.counters().txBytes()));
            }
            record(watched, nowNanos);
            if (failed.size() > watched.failedMembers) {
                changes.add(new Change(bond.name(), true, failed, capacity, demandBps(watched, nowNanos,
                        demandWindowNanos)));
            } else if (failed.isEmpty() && watched.failedMembers > 0) {
                changes.add(new Change(bond.name(), false, failed, capacity, 0));
            }
            watched.failedMembers = failed.size();
        }
        bonds.keySet().retainAll(seen.keySet());
        return changes;
    }

    /** Adds what a member sent since the last sample (a NIC seen for the first time adds nothing). */
    private static void carried(Watched watched, String nic, long txBytes) {
        Long last = watched.lastTxBytes.put(nic, txBytes);
        if (last != null && txBytes > last) {
            watched.carriedBytes += txBytes - last;
        }
    }

    private static void record(Watched watched, long nowNanos) {
        watched.newest = (watched.newest + 1) % SAMPLES;
        watched.times[watched.newest] = nowNanos;
        watched.carried[watched.newest] = watched.carriedBytes;
        watched.size = Math.min(SAMPLES, watched.size + 1);
    }

    /** Bits per second carried over the window, or over the history there is. */
    private static long demandBps(Watched watched, long nowNanos, long windowNanos) {
        int base = watched.newest;
        for (int back = 1; back < watched.size; back++) {
            int index = Math.floorMod(watched.newest - back, SAMPLES);
            base = index;
            if (watched.times[index] <= nowNanos - windowNanos) {
                break;
            }
        }
        long span = nowNanos - watched.times[base];
        return span <= 0 ? 0 : (long) ((watched.carriedBytes - watched.carried[base]) * (double) Byte.SIZE
                * NANOS_PER_SECOND / span);
    }
}
