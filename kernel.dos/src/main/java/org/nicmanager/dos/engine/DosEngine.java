package org.nicmanager.dos.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.nicmanager.kernel.api.dos.DosDetector;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.dos.DosTopics;
import org.nicmanager.kernel.api.dos.ReceiveInspector;
import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.lib.units.TimeSpan;

/**
 * The DoS defence (patent [0125]-[0133]), on the network world's thread. Every virtual NIC's receive path counts into
 * a {@link Target} for its VM and one for its uplink; a kernel timer assesses every target with every detector, off the
 * frame path, records when each attack starts and ends, and drives each attacked VM's {@link VictimDefence} through its
 * policy's escalating responses. Attacks on an uplink are recorded and alerted; the responses belong to the VMs.
 */
public final class DosEngine implements ReceiveInspector {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final KernelScheduler scheduler;
    private final Function<String, VmInfo> vms;
    private final Responses responses;
    private final Alerter alerter;
    private final Timer evaluation;
    private final Map<DosTarget, Target> targets = new LinkedHashMap<>();
    private final Map<String, VictimDefence> victims = new LinkedHashMap<>();
    private final DosPolicies policies = new DosPolicies();
    private final Deque<Detection> history = new ArrayDeque<>();
    private List<DosDetector> detectors = List.of();
    private EngineSettings settings;
    /** Between {@link #start()} and {@link #stop()}; the timer runs only once there is a target to assess. */
    private boolean started;

    /**
     * @param vms the VM of that name, or null when there is none (the VM registry, asked on the world thread)
     */
    public DosEngine(KernelScheduler scheduler, Function<String, VmInfo> vms, Responses responses, Alerter alerter,
            EngineSettings settings) {
        this.scheduler = scheduler;
        this.vms = vms;
        this.responses = responses;
        this.alerter = alerter;
        this.settings = settings;
        this.evaluation = scheduler.newTimer("dos/evaluation", this::evaluate);
    }

    /**
     * Starts assessing, every evaluation period, once a virtual NIC is attached: a host without VMs has nothing to
     * watch, and its kernel timers stay quiet.
     */
    public void start() {
        started = true;
        if (!targets.isEmpty()) {
            evaluation.armAfter(periodNanos());
        }
    }

    /** Stops assessing and undoes every response in force, as if every attack were over. */
    public void stop() {
        started = false;
        evaluation.cancel();
        long now = scheduler.nanoTime();
        for (VictimDefence victim : List.copyOf(victims.values())) {
            victim.undoAll(responses, now);
        }
    }

    // --- receive inspection (control path) --------------------------------------------------------------------------

    @Override
    public ReceiveTap attach(String vnic, String vm, String uplink) {
        Target vmTarget = target(DosTarget.vm(vm));
        if (started && !evaluation.armed()) {
            evaluation.armAfter(periodNanos());
        }
        return new VnicTap(vmTarget, uplink == null ? null : target(DosTarget.uplink(uplink)));
    }

    private Target target(DosTarget id) {
        return targets.computeIfAbsent(id, key -> {
            Target target = new Target(key);
            target.detectorsChanged(detectors, scheduler.nanoTime(), new ArrayList<>());
            if (key.kind() == DosTarget.Kind.VM) {
                target.setHoldNanos(policies.policy(key.name()).holdNanos());
            }
            return target;
        });
    }

    // --- configuration ----------------------------------------------------------------------------------------------

    /** The detectors now (whiteboard); each target keeps the watches of those that stay. All at once. */
    public void detectorsChanged(List<DosDetector> now) {
        BooleanSupplier steps = detectorsChangedInSteps(now);
        while (steps.getAsBoolean()) {
            // the next target
        }
    }

    /**
     * {@link #detectorsChanged} one target a step, for {@code NetworkWorld.runInSlices} (issue 17: 25 ms in one action
     * with 50,000 virtual NICs). The new detectors are in force from the first step, for targets made meanwhile too;
     * detections that end because their detector left are told after the last target.
     */
    public BooleanSupplier detectorsChangedInSteps(List<DosDetector> now) {
        List<Detection> ended = new ArrayList<>();
        return new BooleanSupplier() {
            private List<Target> known;
            private int next;
            private long nowNanos;

            @Override
            public boolean getAsBoolean() {
                if (known == null) {
                    detectors = List.copyOf(now);
                    nowNanos = scheduler.nanoTime();
                    known = List.copyOf(targets.values());
                }
                if (next < known.size()) {
                    known.get(next++).detectorsChanged(detectors, nowNanos, ended);
                }
                if (next < known.size()) {
                    return true;
                }
                ended(ended, nowNanos);
                return false;
            }
        };
    }

    /** The settings in force; world thread. */
    public EngineSettings settings() {
        return settings;
    }

    public void settingsChanged(EngineSettings now) {
        settings = Objects.requireNonNull(now);
        if (evaluation.armed()) {
            evaluation.armAfter(periodNanos());
        }
    }

    public DosPolicy policy(String vm) {
        return policies.policy(vm);
    }

    public Map<String, DosPolicy> policies() {
        return policies.all();
    }

    /** {@code dos:policy}: in force at once; @return the revision to store it with */
    public long setPolicy(String vm, DosPolicy policy) {
        long revision = policies.set(vm, policy);
        policyInForce(vm);
        return revision;
    }

    /** A policy from ConfigAdmin (revision 0 when written by hand). */
    public void configured(String vm, DosPolicy policy, long revision) {
        if (policies.configured(vm, policy, revision)) {
            policyInForce(vm);
        }
    }

    public void unconfigured(String vm) {
        policies.unconfigured(vm);
        policyInForce(vm);
    }

    private void policyInForce(String vm) {
        Target target = targets.get(DosTarget.vm(vm));
        if (target != null) {
            target.setHoldNanos(policies.policy(vm).holdNanos());
        }
    }

    // --- assessment (the engine's timer) ----------------------------------------------------------------------------

    private void evaluate() {
        evaluation.armAfter(periodNanos()); // first, so that a failing response cannot stop detection for good
        long now = scheduler.nanoTime();
        List<Detection> started = new ArrayList<>();
        List<Detection> ended = new ArrayList<>();
        for (Target target : targets.values()) {
            target.assess(now, settings.endAfterQuietMs() * NANOS_PER_MILLI, started, ended);
        }
        for (Detection detection : started) {
            started(detection, now);
        }
        ended(ended, now);
        // Responses may add targets (a virtual NIC moved to another uplink gets a new tap), so they run after the loop.
        for (VictimDefence victim : List.copyOf(victims.values())) {
            victim.tick(now, policies.policy(victim.vm()), uplinks -> victim(victim.vm(), uplinks), responses);
        }
        victims.values().removeIf(victim -> !victim.inEpisode());
    }

    private void started(Detection detection, long now) {
        remember(detection);
        DosTarget target = detection.target();
        alerter.raise(DosTopics.DETECTED, target.name(), detection.kind() + " on " + target.kind() + " "
                + target.name() + ": " + detection.startDetails(), Map.of(DosTopics.KIND, detection.kind(),
                        DosTopics.TARGET_KIND, target.kind().name()));
        if (target.kind() == DosTarget.Kind.VM) {
            victims.computeIfAbsent(target.name(), VictimDefence::new).started(detection, now,
                    attackedUplinks(target.name()));
        }
    }

    /**
     * The uplinks an attack on {@code vm} came through: of its virtual NICs' uplinks, those where an attack is seen
     * now too (the uplinks are assessed in the same round, before this); when none stands out (a flood small beside an
     * uplink's own traffic), all of them. A VM with virtual NICs on two uplinks, flooded through one, does not make
     * its responses reach the VMs of the other.
     */
    private List<String> attackedUplinks(String vm) {
        VmInfo info = vms.apply(vm);
        List<String> uplinks = info == null ? List.of() : info.vnics().stream().map(VnicInfo::uplink)
                .filter(Objects::nonNull).filter(uplink -> !uplink.isEmpty()).distinct().toList();
        List<String> attacked = uplinks.stream().filter(uplink -> {
            Target target = targets.get(DosTarget.uplink(uplink));
            return target != null && target.underAttack();
        }).toList();
        return attacked.isEmpty() ? uplinks : attacked;
    }

    private void ended(List<Detection> ended, long now) {
        for (Detection detection : ended) {
            DosTarget target = detection.target();
            alerter.raise(DosTopics.ENDED, target.name(), detection.kind() + " on " + target.kind() + " "
                    + target.name() + " ended after " + TimeSpan.format(detection.endedAtNanos()
                            - detection.startedAtNanos()) + ": " + detection.endDetails(),
                    Map.of(DosTopics.KIND, detection.kind(), DosTopics.TARGET_KIND, target.kind().name()));
            VictimDefence victim = victims.get(target.name());
            if (target.kind() == DosTarget.Kind.VM && victim != null) {
                victim.ended(detection, now);
            }
        }
    }

    private Victim victim(String vm, List<String> attackedUplinks) {
        VmInfo info = vms.apply(vm);
        String attack = history.stream().filter(detection -> !detection.ended())
                .filter(detection -> detection.target().equals(DosTarget.vm(vm))).map(Detection::kind).distinct()
                .toList().toString();
        return new Victim(vm, info == null ? 0 : info.priority(), attackedUplinks, policies.policy(vm), attack,
                settings.suspendBelowPriority());
    }

    private void remember(Detection detection) {
        history.addLast(detection);
        while (history.size() > settings.historyDetections()) {
            history.removeFirst();
        }
    }

    private long periodNanos() {
        return settings.evaluationPeriodMs() * NANOS_PER_MILLI;
    }

    // --- status -----------------------------------------------------------------------------------------------------

    /** Every detection kept, oldest first. */
    public List<DetectionView> detections() {
        return history.stream().map(Detection::view).toList();
    }

    public List<String> detectorKinds() {
        return detectors.stream().map(DosDetector::kind).toList();
    }
}
