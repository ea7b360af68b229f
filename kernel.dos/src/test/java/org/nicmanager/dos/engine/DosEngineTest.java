package org.nicmanager.dos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.dos.ParsedFrame;
import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.dos.DosDetector;
import org.nicmanager.kernel.api.dos.DosResponse;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.dos.DosTopics;
import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.testsupport.AlerterTestDouble;

/** The engine's bookkeeping of attacks and its escalation and hysteresis, with detectors and responders as doubles. */
class DosEngineTest {

    private static final long MS = 1_000_000L;

    /** A detector test double whose watches say what the test sets. */
    static final class SwitchedDetector implements DosDetector {

        final Map<DosTarget, SwitchedWatch> watches = new HashMap<>();
        private final String kind;

        SwitchedDetector(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public DetectorWatch watch(DosTarget target) {
            return watches.computeIfAbsent(target, key -> new SwitchedWatch());
        }
    }

    static final class SwitchedWatch implements DetectorWatch {

        volatile boolean attacked;
        volatile boolean suspicious;
        long counted;

        @Override
        public boolean count(FrameHeaders headers, FrameBuffer frame) {
            counted++;
            return suspicious;
        }

        @Override
        public boolean assess(long nowNanos) {
            return attacked;
        }

        @Override
        public String describe() {
            return attacked ? "attacked" : "quiet";
        }
    }

    /** A responder test double: records when it ran and was undone. */
    static final class RecordingResponder implements Responder {

        final List<String> log;
        private final DosResponse response;
        private final WorldThread world;
        boolean refuse;

        RecordingResponder(DosResponse response, List<String> log, WorldThread world) {
            this.response = response;
            this.log = log;
            this.world = world;
        }

        @Override
        public Outcome apply(Victim victim) {
            if (refuse) {
                throw new IllegalArgumentException("refused by the test");
            }
            log.add(response + " " + victim.vm() + " " + victim.attackedUplinks() + " at " + world.nanoTime() / MS);
            return new Outcome("did " + response, () -> {
                log.add("undo " + response + " at " + world.nanoTime() / MS);
                return "undid " + response;
            });
        }
    }

    private final WorldThread world = new WorldThread(ClockMode.VIRTUAL, 1_000_000_000L, (timer, failure) -> {
        throw new AssertionError("timer " + timer + " failed", failure);
    });
    private final AlerterTestDouble alerter = new AlerterTestDouble(world::nanoTime);
    private final List<String> log = new ArrayList<>();
    private final Map<DosResponse, RecordingResponder> responders = new EnumMap<>(DosResponse.class);
    private final SwitchedDetector flood = new SwitchedDetector("FLOOD");
    private final Map<String, VmInfo> vms = new HashMap<>();
    private DosEngine engine;

    @BeforeEach
    void start() {
        for (DosResponse response : DosResponse.values()) {
            responders.put(response, new RecordingResponder(response, log, world));
        }
        vms.put("a", new VmInfo("a", VmState.RUNNING, 5, List.of(new VnicInfo("a-0", "02:00:00:00:00:0a", "e1000",
                "bond1"))));
        engine = new DosEngine(world, vms::get, new Responses(new EnumMap<>(responders), alerter), alerter,
                new EngineSettings(10, 30, 100, 5));
        world.run(() -> {
            engine.detectorsChanged(List.of(flood));
            engine.start();
        });
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private ReceiveTap tap() {
        return world.call(() -> engine.attach("a-0", "a", "bond1"));
    }

    private void policy(DosPolicy policy) {
        world.run(() -> engine.setPolicy("a", policy));
    }

    private SwitchedWatch watch(DosTarget target) {
        return flood.watches.get(target);
    }

    @Test
    void anAttackIsRecordedFromTheAssessmentThatSawItToTheFirstQuietOne() {
        tap();
        world.advance(95 * MS);
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(20 * MS);
        assertEquals(List.of(DosTopics.DETECTED, DosTopics.RESPONSE), alerter.topics(), "detected, and the default"
                + " policy holds interrupts");
        DetectionView detected = world.call(engine::detections).get(0);
        assertEquals(100 * MS, detected.startedAt());
        assertNull(detected.endedAt());
        assertEquals("FLOOD", detected.kind());
        assertEquals("VM", detected.targetKind());
        watch(DosTarget.vm("a")).attacked = false;
        world.advance(25 * MS); // quiet from 120 ms; not yet 30 ms of it
        assertNull(world.call(engine::detections).get(0).endedAt());
        world.advance(10 * MS);
        assertEquals(120 * MS, world.call(engine::detections).get(0).endedAt());
        assertTrue(alerter.topics().contains(DosTopics.ENDED));
    }

    @Test
    void responsesEscalateWhileTheAttackLastsAndAreUndoneNewestFirstAfterTheQuietTime() {
        tap();
        policy(new DosPolicy(List.of(DosResponse.HOLD_INTERRUPTS, DosResponse.SUSPEND_LOWER_PRIORITY,
                DosResponse.FAIL_OVER), 50, 100, 500, "bond2", ""));
        world.advance(5 * MS);
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(150 * MS); // from 10 ms: hold at 10, suspend at 110, failover would be at 210
        assertEquals(List.of("HOLD_INTERRUPTS a [bond1] at 10", "SUSPEND_LOWER_PRIORITY a [bond1] at 110"), log);
        watch(DosTarget.vm("a")).attacked = false; // quiet from 160 ms, over at 190 ms
        world.advance(300 * MS);
        assertEquals(2, log.size(), "no escalation once the attack is over");
        // An attack again within the quiet time is the same episode: the escalation goes on.
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(50 * MS);
        assertEquals("FAIL_OVER a [bond1] at 460", log.get(2));
        watch(DosTarget.vm("a")).attacked = false;
        world.advance(1_000 * MS);
        assertEquals(List.of("undo FAIL_OVER at 1000", "undo SUSPEND_LOWER_PRIORITY at 1000",
                "undo HOLD_INTERRUPTS at 1000"), log.subList(3, 6).stream().map(line -> line.replaceAll("at \\d+",
                        "at 1000")).toList());
        List<ResponseView> responses = world.call(engine::detections).get(1).responses();
        assertEquals(3, responses.size(), "the second attack shows what protected the VM during it");
        assertTrue(responses.stream().allMatch(response -> response.undoneAt() != null), responses.toString());
        assertEquals(2, alerter.topics().stream().filter(DosTopics.DETECTED::equals).count());
        assertEquals(3, alerter.topics().stream().filter(DosTopics.RESPONSE_UNDONE::equals).count());
    }

    @Test
    void theUndoWaitsForTheWholeQuietTime() {
        tap();
        policy(new DosPolicy(List.of(DosResponse.FAIL_OVER), 50, 0, 500, "bond2", ""));
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(20 * MS);
        watch(DosTarget.vm("a")).attacked = false; // ends at 30 (quiet from 30 for 30 ms: recorded at 60)
        world.advance(520 * MS);
        assertEquals(1, log.size(), "540 ms: the quiet time counts from the end at 60 ms");
        world.advance(30 * MS);
        assertEquals(2, log.size());
        assertTrue(log.get(1).startsWith("undo FAIL_OVER"), log.toString());
    }

    @Test
    void suspiciousFramesAreHeldForTheAssessmentWindowOfAPolicyThatHolds() {
        ReceiveTap tap = tap();
        ParsedFrame frame = ParsedFrame.udp(100, 9);
        watch(DosTarget.vm("a")).suspicious = true;
        assertEquals(50 * MS, world.call(() -> tap.inspect(frame.headers(), frame.frame())), "default policy");
        policy(new DosPolicy(List.of(DosResponse.SUSPEND_LOWER_PRIORITY), 20, 0, 0, "", ""));
        assertEquals(0L, world.call(() -> tap.inspect(frame.headers(), frame.frame())), "no hold in the policy");
        policy(new DosPolicy(List.of(DosResponse.HOLD_INTERRUPTS), 20, 0, 0, "", ""));
        watch(DosTarget.vm("a")).suspicious = false;
        watch(DosTarget.uplink("bond1")).suspicious = true;
        assertEquals(20 * MS, world.call(() -> tap.inspect(frame.headers(), frame.frame())),
                "suspicious on the uplink");
        assertEquals(3, watch(DosTarget.vm("a")).counted);
        assertEquals(3, watch(DosTarget.uplink("bond1")).counted, "every frame counts for the uplink too");
    }

    /** Issue 18 point 9: a VM on two uplinks, flooded through one, has only that one attacked. */
    @Test
    void theAttackedUplinksAreThoseWhereTheAttackIsSeenOrElseAllTheVictims() {
        vms.put("a", new VmInfo("a", VmState.RUNNING, 5, List.of(new VnicInfo("a-0", "02:00:00:00:00:0a", "e1000",
                "bond1"), new VnicInfo("a-1", "02:00:00:00:00:1a", "e1000", "bond2"))));
        world.call(() -> engine.attach("a-0", "a", "bond1"));
        world.call(() -> engine.attach("a-1", "a", "bond2"));
        policy(new DosPolicy(List.of(DosResponse.SUSPEND_LOWER_PRIORITY), 50, 0, 100, "", ""));
        world.advance(5 * MS);
        watch(DosTarget.vm("a")).attacked = true;
        watch(DosTarget.uplink("bond1")).attacked = true;
        world.advance(10 * MS);
        assertEquals(List.of("SUSPEND_LOWER_PRIORITY a [bond1] at 10"), log);

        watch(DosTarget.vm("a")).attacked = false;
        watch(DosTarget.uplink("bond1")).attacked = false;
        world.advance(500 * MS); // over, and undone
        log.clear();
        watch(DosTarget.vm("a")).attacked = true; // a flood that does not stand out on either uplink
        world.advance(10 * MS);
        assertEquals(List.of("SUSPEND_LOWER_PRIORITY a [bond1, bond2] at 520"), log);
    }

    @Test
    void anAttackOnAnUplinkIsRecordedAndAlertedWithoutResponses() {
        tap();
        policy(new DosPolicy(List.of(DosResponse.FAIL_OVER), 50, 0, 0, "bond2", ""));
        watch(DosTarget.uplink("bond1")).attacked = true;
        world.advance(20 * MS);
        assertEquals(List.of(DosTopics.DETECTED), alerter.topics());
        assertEquals("UPLINK", alerter.properties.get(0).get(DosTopics.TARGET_KIND));
        assertEquals("bond1", alerter.alerts.get(0).subject());
        assertTrue(log.isEmpty());
    }

    @Test
    void aRefusedResponseIsRecordedAndAlertedAndTheEscalationGoesOn() {
        tap();
        responders.get(DosResponse.FAIL_OVER).refuse = true;
        policy(new DosPolicy(List.of(DosResponse.FAIL_OVER, DosResponse.MIGRATE), 50, 0, 0, "bond2", "far"));
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(20 * MS);
        ResponseView failed = world.call(engine::detections).get(0).responses().get(0);
        assertEquals("FAIL_OVER", failed.response());
        assertEquals("FAILED: refused by the test", failed.details());
        assertTrue(alerter.alerts.stream().anyMatch(alert -> alert.details().startsWith("FAIL_OVER FAILED")));
        assertEquals(List.of("MIGRATE a [bond1] at 10"), log);
    }

    @Test
    void aDetectorThatLeavesEndsItsAttacks() {
        tap();
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(20 * MS);
        world.run(() -> engine.detectorsChanged(List.of()));
        DetectionView ended = world.call(engine::detections).get(0);
        assertEquals(20 * MS, ended.endedAt());
        assertTrue(ended.details().contains("its detector was removed"), ended.details());
        assertEquals(List.of(), world.call(engine::detectorKinds));
    }

    @Test
    void aDetectorLeavesOneTargetAStepAndItsEndedAttacksAreToldAfterTheLast() {
        tap(); // targets: the VM, its virtual NIC's uplink, ...
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(20 * MS);
        List<Long> endAlertsAfterEachStep = world.call(() -> {
            BooleanSupplier steps = engine.detectorsChangedInSteps(List.of());
            List<Long> told = new ArrayList<>();
            boolean more;
            do {
                more = steps.getAsBoolean();
                told.add(alerter.alerts.stream().filter(alert -> alert.topic().equals(DosTopics.ENDED)).count());
            } while (more);
            return told;
        });
        assertTrue(endAlertsAfterEachStep.size() >= 2, "one target a step: " + endAlertsAfterEachStep);
        assertEquals(1L, endAlertsAfterEachStep.get(endAlertsAfterEachStep.size() - 1));
        assertTrue(endAlertsAfterEachStep.subList(0, endAlertsAfterEachStep.size() - 1).stream()
                .allMatch(told -> told == 0), "told after the last target: " + endAlertsAfterEachStep);
        assertEquals(20 * MS, world.call(engine::detections).get(0).endedAt());
        assertEquals(List.of(), world.call(engine::detectorKinds));
    }

    @Test
    void stoppingTheEngineUndoesWhatIsInForce() {
        tap();
        policy(new DosPolicy(List.of(DosResponse.SUSPEND_LOWER_PRIORITY), 50, 0, 10_000, "", ""));
        watch(DosTarget.vm("a")).attacked = true;
        world.advance(20 * MS);
        world.run(engine::stop);
        assertEquals("undo SUSPEND_LOWER_PRIORITY at 20", log.get(1));
    }
}
