package org.nicmanager.dos.detector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.lib.units.Rate;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * A detector that counts the frames of one kind (TCP SYNs, broadcasts) and reports an attack while their rate over
 * the window is above the threshold. While it is, every frame of that kind is suspicious.
 */
abstract class FrameRateDetector extends ConfiguredDetector<ThresholdSettings> {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** The detector's name in {@code dos:detector}, e.g. {@code syn}. */
    private final String optionName;
    /** What the frames counted are, for people, e.g. {@code TCP SYNs}. */
    private final String counted;

    FrameRateDetector(String pid, String optionName, String counted, NetworkWorld world,
            ConfigurationAdmin configurations, EventAdmin events, Logger logger, ThresholdSettings defaults) {
        super(pid, world, configurations, events, logger, defaults);
        this.optionName = optionName;
        this.counted = counted;
    }

    @Override
    public final String optionName() {
        return optionName;
    }

    /** Whether the frame is of the kind counted. Frame path: no allocation. */
    abstract boolean matches(FrameHeaders headers);

    @Override
    public final DetectorWatch watch(DosTarget target) {
        return new Watch();
    }

    @Override
    final ThresholdSettings tuned(ThresholdSettings now, DetectorOptions options) {
        DetectorOptions.notFor(optionName, "--multiple", options.multiple());
        DetectorOptions.notFor(optionName, "--floor", options.floor());
        DetectorOptions.notFor(optionName, "--learning", options.learning());
        DetectorOptions.notFor(optionName, "--ports", options.ports());
        DetectorOptions.notFor(optionName, "--patterns", options.patterns());
        long threshold = options.threshold() == null ? now.thresholdFramesPerSecond()
                : DetectorOptions.positiveRate("--threshold", options.threshold(), Rate.Unit.FRAMES_PER_SECOND);
        long windowMs = options.window() == null ? now.windowMs()
                : DetectorOptions.positiveMillis("--window", options.window());
        return new ThresholdSettings(threshold, windowMs);
    }

    @Override
    final Map<String, Object> properties(ThresholdSettings settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("thresholdFramesPerSecond", settings.thresholdFramesPerSecond());
        properties.put("windowMs", settings.windowMs());
        return properties;
    }

    /** One target's count of matching frames. */
    private final class Watch implements DetectorWatch {

        private final CountWindow window = new CountWindow();
        private long matching;
        private boolean attacked;
        private double perSecond;

        @Override
        public boolean count(FrameHeaders headers, FrameBuffer frame) {
            if (!matches(headers)) {
                return false;
            }
            matching++;
            return attacked;
        }

        @Override
        public boolean assess(long nowNanos) {
            ThresholdSettings settings = settings();
            perSecond = window.perSecond(nowNanos, matching, settings.windowMs() * NANOS_PER_MILLI);
            attacked = perSecond > settings.thresholdFramesPerSecond();
            return attacked;
        }

        @Override
        public String describe() {
            ThresholdSettings settings = settings();
            return String.format(Locale.ROOT, "%.0f %s/s over %d ms (threshold %d/s)", perSecond, counted,
                    settings.windowMs(), settings.thresholdFramesPerSecond());
        }
    }
}
