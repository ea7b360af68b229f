package org.nicmanager.vmm.devices;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.nicmanager.kernel.api.time.KernelScheduler;

/**
 * The guests' workloads, at most one per VM, on the world thread. Each workload gets its own random stream: split from
 * the kernel's seed in the order workloads start, or seeded by the operator, so the same seed and the same script give
 * the same frames at the same times.
 */
final class GuestWorkloads {

    private final KernelScheduler scheduler;
    private final SplittableRandom seeds;
    private final Map<String, GuestTraffic> workloads = new HashMap<>();

    GuestWorkloads(KernelScheduler scheduler, long kernelSeed) {
        this.scheduler = scheduler;
        this.seeds = new SplittableRandom(kernelSeed);
    }

    /**
     * Starts {@code spec} from {@code nic}, replacing the VM's running workload.
     *
     * @param seed the workload's own seed, or null for the next stream split from the kernel's seed
     * @throws IllegalArgumentException for bursts above the virtual NIC's line rate; nothing changes then
     */
    void start(String vm, EmulatedNic nic, WorkloadSpec spec, Long seed) {
        long lineRateBps = nic.model().lineRateBps();
        if (spec.pattern() == GuestPattern.BURST && spec.rateBps() > lineRateBps) {
            throw new IllegalArgumentException("bad --rate " + spec.rateBps() + "bps for --pattern burst: bursts leave"
                    + " at the line rate of " + nic.name() + " (" + nic.model().name() + ", " + lineRateBps
                    + "bps), so their average is at most that");
        }
        SplittableRandom random = seed == null ? seeds.split() : new SplittableRandom(seed);
        GuestTraffic traffic = new GuestTraffic(scheduler, nic.name(), spec.pattern().stream(nic, spec),
                spec.pattern().pacing(spec, lineRateBps, random), spec.flows(), spec.frames());
        stop(vm);
        workloads.put(vm, traffic);
        traffic.start();
    }

    /** The VM was suspended: its workload pauses where it is. */
    void pause(String vm) {
        GuestTraffic workload = workloads.get(vm);
        if (workload != null) {
            workload.pause();
        }
    }

    /** The VM resumed: its workload continues from where it paused. */
    void resume(String vm) {
        GuestTraffic workload = workloads.get(vm);
        if (workload != null) {
            workload.resume();
        }
    }

    /** Stops the VM's workload; true if it was still sending. */
    boolean stop(String vm) {
        GuestTraffic workload = workloads.remove(vm);
        if (workload == null) {
            return false;
        }
        boolean wasRunning = workload.running();
        workload.stop();
        return wasRunning;
    }
}
