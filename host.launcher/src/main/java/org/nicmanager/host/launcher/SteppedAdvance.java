package org.nicmanager.host.launcher;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nicmanager.host.launcher.scenario.ScenarioRecorder;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.time.AdvanceReport;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.lib.units.TimeSpan;

/**
 * Runs a recorded script's {@code kernel:advance DURATION} on the virtual clock in steps of the sampling interval,
 * sampling the counters between steps, while the world stands still. The world fires the same timers in the same order
 * as in one advance, so the run is unchanged; what it prints is what {@code kernel:advance} prints. Other commands,
 * and durations the command would refuse, are left to the shell.
 */
final class SteppedAdvance implements ScriptRunner.CommandHook {

    private static final Pattern ADVANCE = Pattern.compile("kernel:advance(\\s+--json)?\\s+(\\S+)(\\s+--json)?");

    private final NetworkWorld world;
    private final ScenarioRecorder recorder;
    private final long stepNanos;

    SteppedAdvance(NetworkWorld world, ScenarioRecorder recorder, long stepNanos) {
        this.world = world;
        this.recorder = recorder;
        this.stepNanos = stepNanos;
    }

    @Override
    public Optional<Object> run(String command) {
        Matcher advance = ADVANCE.matcher(command.strip());
        if (!advance.matches() || world.clockMode() != ClockMode.VIRTUAL) {
            return Optional.empty();
        }
        long nanos;
        try {
            nanos = TimeSpan.parse(advance.group(2)).nanos();
        } catch (IllegalArgumentException refused) {
            return Optional.empty(); // kernel:advance refuses it in its own words
        }
        long from = -1;
        long now = 0;
        long timersFired = 0;
        long left = nanos;
        do {
            long step = Math.min(stepNanos, left);
            AdvanceReport report = world.advance(step);
            from = from < 0 ? report.fromNanos() : from;
            now = report.toNanos();
            timersFired += report.timersFired();
            left -= step;
            recorder.sample();
        } while (left > 0);
        Advanced advanced = new Advanced(from, now, TimeSpan.format(now), timersFired);
        return Optional.of(advance.group(1) != null || advance.group(3) != null ? new Json(advanced) : advanced);
    }
}
