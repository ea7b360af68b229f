package org.nicmanager.dos.detector;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.lib.units.Rate;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Rate anomaly ([0125], [0127]): a target receives more frames or bits per second than a fixed threshold, or than a
 * multiple of the baseline learned from its own traffic while it was not under attack.
 *
 * <p>Segments of established TCP connections (ACK set, neither SYN nor RST) are not counted: their rate is what the
 * target itself acknowledges, so a download at line rate is the target's own doing, not an attack. Counting them made
 * every bulk transfer into a real guest a "flood", whose response (held interrupts) then collapsed the transfer (issue
 * 15). Connection floods are the SYN detector's; a flood of forged ACKs is not seen here.
 */
@Component(service = {org.nicmanager.kernel.api.dos.DosDetector.class, TunableDetector.class},
        configurationPid = RateAnomalyDetector.PID)
@Designate(ocd = RateAnomalyDetector.Config.class)
public final class RateAnomalyDetector extends ConfiguredDetector<RateSettings> {

    public static final String PID = "org.nicmanager.dos.detector.rate";
    public static final String KIND = "RATE_ANOMALY";

    @ObjectClassDefinition(name = "DoS detector: rate anomaly", description = "Received frames or bits per second"
            + " above a threshold, or above a multiple of the target's learned baseline.")
    public @interface Config {

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_FRAMES_PER_SECOND)
        long thresholdFramesPerSecond() default RateSettings.DEFAULT_THRESHOLD_FRAMES_PER_SECOND;

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_BITS_PER_SECOND,
                description = "Frame bytes, as the kernel holds them, times 8.")
        long thresholdBitsPerSecond() default RateSettings.DEFAULT_THRESHOLD_BITS_PER_SECOND;

        @AttributeDefinition(max = "" + RateSettings.MAX_BASELINE_MULTIPLE,
                description = "How many times the learned baseline is an anomaly; above 1.")
        double baselineMultiple() default RateSettings.DEFAULT_BASELINE_MULTIPLE;

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_FRAMES_PER_SECOND,
                description = "No frame rate below this is an anomaly.")
        long baselineFloorFramesPerSecond() default RateSettings.DEFAULT_BASELINE_FLOOR_FRAMES_PER_SECOND;

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_BITS_PER_SECOND,
                description = "No bit rate below this is an anomaly.")
        long baselineFloorBitsPerSecond() default RateSettings.DEFAULT_BASELINE_FLOOR_BITS_PER_SECOND;

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_LEARNING_MS,
                description = "Learning time before a baseline is used; its time constant.")
        long learningMs() default RateSettings.DEFAULT_LEARNING_MS;

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_WINDOW_MS,
                description = "The sliding window rates are measured over.")
        long windowMs() default RateSettings.DEFAULT_WINDOW_MS;

        @AttributeDefinition(required = false, description = "Written by dos:detector; leave it out by hand.")
        long revision() default 0;
    }

    @Activate
    public RateAnomalyDetector(Config config, Map<String, Object> properties, @Reference NetworkWorld world,
            @Reference ConfigurationAdmin configurations, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        super(PID, world, configurations, events, logger, RateSettings.DEFAULTS);
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        configured(properties, check -> RateSettings.read(check, config), config::revision);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String optionName() {
        return "rate";
    }

    @Override
    public DetectorWatch watch(DosTarget target) {
        return new RateWatch(this);
    }

    @Override
    RateSettings tuned(RateSettings now, DetectorOptions options) {
        DetectorOptions.notFor("rate", "--ports", options.ports());
        DetectorOptions.notFor("rate", "--patterns", options.patterns());
        long framesThreshold = now.thresholdFramesPerSecond();
        long bitsThreshold = now.thresholdBitsPerSecond();
        if (options.threshold() != null) {
            if (Rate.parse(options.threshold()).unit() == Rate.Unit.FRAMES_PER_SECOND) {
                framesThreshold = DetectorOptions.positiveRate("--threshold", options.threshold(),
                        Rate.Unit.FRAMES_PER_SECOND);
            } else {
                bitsThreshold = DetectorOptions.positiveRate("--threshold", options.threshold(),
                        Rate.Unit.BITS_PER_SECOND);
            }
        }
        long framesFloor = now.baselineFloorFramesPerSecond();
        long bitsFloor = now.baselineFloorBitsPerSecond();
        if (options.floor() != null) {
            if (Rate.parse(options.floor()).unit() == Rate.Unit.FRAMES_PER_SECOND) {
                framesFloor = DetectorOptions.positiveRate("--floor", options.floor(), Rate.Unit.FRAMES_PER_SECOND);
            } else {
                bitsFloor = DetectorOptions.positiveRate("--floor", options.floor(), Rate.Unit.BITS_PER_SECOND);
            }
        }
        double multiple = now.baselineMultiple();
        if (options.multiple() != null) {
            multiple = multiple(options.multiple());
        }
        long learningMs = options.learning() == null ? now.learningMs()
                : DetectorOptions.positiveMillis("--learning", options.learning());
        long windowMs = options.window() == null ? now.windowMs()
                : DetectorOptions.positiveMillis("--window", options.window());
        return new RateSettings(framesThreshold, bitsThreshold, multiple, framesFloor, bitsFloor, learningMs,
                windowMs);
    }

    private static double multiple(String text) {
        double multiple;
        try {
            multiple = Double.parseDouble(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("bad --multiple '" + text + "': a number above 1, e.g. 4");
        }
        if (!(multiple > 1)) {
            throw new IllegalArgumentException("bad --multiple '" + text + "': a number above 1, e.g. 4");
        }
        return multiple;
    }

    @Override
    Map<String, Object> properties(RateSettings settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("thresholdFramesPerSecond", settings.thresholdFramesPerSecond());
        properties.put("thresholdBitsPerSecond", settings.thresholdBitsPerSecond());
        properties.put("baselineMultiple", settings.baselineMultiple());
        properties.put("baselineFloorFramesPerSecond", settings.baselineFloorFramesPerSecond());
        properties.put("baselineFloorBitsPerSecond", settings.baselineFloorBitsPerSecond());
        properties.put("learningMs", settings.learningMs());
        properties.put("windowMs", settings.windowMs());
        return properties;
    }

    /** One target's counts, window and baseline. */
    static final class RateWatch implements DetectorWatch {

        private static final long NANOS_PER_MILLI = 1_000_000L;

        private final RateAnomalyDetector detector;
        private final CountWindow frameWindow = new CountWindow();
        private final CountWindow byteWindow = new CountWindow();
        private long frames;
        private long bytes;
        private boolean attacked;
        /** Kernel time of the first assessment that saw traffic; -1 before. */
        private long learningSinceNanos = -1;
        private long lastAssessNanos = -1;
        private double baselineFramesPerSecond;
        private double baselineBitsPerSecond;
        private double framesPerSecond;
        private double bitsPerSecond;

        RateWatch(RateAnomalyDetector detector) {
            this.detector = detector;
        }

        @Override
        public boolean count(FrameHeaders headers, FrameBuffer frame) {
            if (!established(headers)) {
                frames++;
                bytes += frame.length();
            }
            return attacked;
        }

        private static boolean established(FrameHeaders headers) {
            return headers.protocol() == FrameHeaders.PROTOCOL_TCP
                    && (headers.tcpFlags() & (FrameHeaders.TCP_ACK | FrameHeaders.TCP_SYN | FrameHeaders.TCP_RST))
                            == FrameHeaders.TCP_ACK;
        }

        @Override
        public boolean assess(long nowNanos) {
            RateSettings settings = detector.settings();
            long windowNanos = settings.windowMs() * NANOS_PER_MILLI;
            framesPerSecond = frameWindow.perSecond(nowNanos, frames, windowNanos);
            bitsPerSecond = byteWindow.perSecond(nowNanos, bytes, windowNanos) * Byte.SIZE;
            if (learningSinceNanos < 0 && frames > 0) {
                learningSinceNanos = nowNanos;
            }
            boolean learned = learningSinceNanos >= 0
                    && nowNanos - learningSinceNanos >= settings.learningMs() * NANOS_PER_MILLI;
            boolean overThreshold = framesPerSecond > settings.thresholdFramesPerSecond()
                    || bitsPerSecond > settings.thresholdBitsPerSecond();
            boolean anomalous = learned && (anomalous(framesPerSecond, baselineFramesPerSecond,
                    settings.baselineFloorFramesPerSecond(), settings.baselineMultiple())
                    || anomalous(bitsPerSecond, baselineBitsPerSecond, settings.baselineFloorBitsPerSecond(),
                            settings.baselineMultiple()));
            attacked = overThreshold || anomalous;
            if (!attacked && learningSinceNanos >= 0) {
                learn(nowNanos, settings.learningMs() * NANOS_PER_MILLI);
            }
            lastAssessNanos = nowNanos;
            return attacked;
        }

        /** An exponential average with the learning time as its time constant; never fed while under attack. */
        private void learn(long nowNanos, long learningNanos) {
            double weight = lastAssessNanos < 0 ? 1
                    : Math.min(1, (double) (nowNanos - lastAssessNanos) / learningNanos);
            baselineFramesPerSecond += weight * (framesPerSecond - baselineFramesPerSecond);
            baselineBitsPerSecond += weight * (bitsPerSecond - baselineBitsPerSecond);
        }

        private static boolean anomalous(double rate, double baseline, long floor, double multiple) {
            return rate > floor && rate > multiple * baseline;
        }

        @Override
        public String describe() {
            RateSettings settings = detector.settings();
            return String.format(java.util.Locale.ROOT, "%.0f frames/s, %s over %d ms (baseline %.0f frames/s, %s;"
                    + " anomaly above x%.1f)", framesPerSecond, bps(bitsPerSecond), settings.windowMs(),
                    baselineFramesPerSecond, bps(baselineBitsPerSecond), settings.baselineMultiple());
        }

        private static String bps(double bitsPerSecond) {
            return new Rate(Math.round(bitsPerSecond), Rate.Unit.BITS_PER_SECOND).toString();
        }
    }
}
