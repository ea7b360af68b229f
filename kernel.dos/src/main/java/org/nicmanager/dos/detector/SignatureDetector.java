package org.nicmanager.dos.detector;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nicmanager.kernel.api.dos.DetectorWatch;
import org.nicmanager.kernel.api.dos.DosDetector;
import org.nicmanager.kernel.api.dos.DosTarget;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.NetworkWorld;
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
 * Signature match ([0129]): frames to configured destination ports, or carrying configured byte patterns, are
 * suspicious one by one (their interrupt may be held for an assessment, [0130]), and a target that received one within
 * the window is under attack.
 */
@Component(service = {DosDetector.class, TunableDetector.class}, configurationPid = SignatureDetector.PID)
@Designate(ocd = SignatureDetector.Config.class)
public final class SignatureDetector extends ConfiguredDetector<SignatureSettings> {

    public static final String PID = "org.nicmanager.dos.detector.signature";
    public static final String KIND = "SIGNATURE";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    @ObjectClassDefinition(name = "DoS detector: signature", description = "Frames to listed destination ports or"
            + " carrying listed byte patterns.")
    public @interface Config {

        @AttributeDefinition(required = false, cardinality = SignatureSettings.MAX_PORTS,
                description = "TCP or UDP destination ports, 0..65535.")
        int[] ports() default {};

        @AttributeDefinition(required = false, cardinality = SignatureSettings.MAX_PATTERNS,
                description = "Byte patterns in hex (e.g. 4E494353), 1..64 bytes,"
                + " looked for in the payload.")
        String[] patternsHex() default {};

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_WINDOW_MS,
                description = "A target is under attack while a match was seen within this"
                + " window.")
        long windowMs() default SignatureSettings.DEFAULT_WINDOW_MS;

        @AttributeDefinition(required = false, description = "Written by dos:detector; leave it out by hand.")
        long revision() default 0;
    }

    @Activate
    public SignatureDetector(Config config, Map<String, Object> properties, @Reference NetworkWorld world,
            @Reference ConfigurationAdmin configurations, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        super(PID, world, configurations, events, logger, SignatureSettings.NONE);
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        configured(properties, check -> SignatureSettings.read(check, config), config::revision);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String optionName() {
        return "signature";
    }

    @Override
    public DetectorWatch watch(DosTarget target) {
        return new Watch();
    }

    @Override
    SignatureSettings tuned(SignatureSettings now, DetectorOptions options) {
        DetectorOptions.notFor("signature", "--threshold", options.threshold());
        DetectorOptions.notFor("signature", "--multiple", options.multiple());
        DetectorOptions.notFor("signature", "--floor", options.floor());
        DetectorOptions.notFor("signature", "--learning", options.learning());
        int[] ports = options.ports() == null ? now.ports() : ports(options.ports());
        byte[][] patterns = options.patterns() == null ? now.patterns()
                : SignatureSettings.parsePatterns(list(options.patterns()));
        long windowMs = options.window() == null ? now.windowMs()
                : DetectorOptions.positiveMillis("--window", options.window());
        return new SignatureSettings(ports, patterns, windowMs);
    }

    /** {@code none}, or ports separated by commas. */
    private static int[] ports(String text) {
        return list(text).stream().mapToInt(port -> {
            try {
                return Integer.parseInt(port.trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("bad port '" + port + "' in --ports: a TCP or UDP port is"
                        + " 0..65535");
            }
        }).toArray();
    }

    private static List<String> list(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() || trimmed.equals("none") ? List.of() : List.of(trimmed.split(","));
    }

    @Override
    Map<String, Object> properties(SignatureSettings settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ports", settings.ports());
        properties.put("patternsHex", SignatureSettings.patternsHex(settings.patterns()).toArray(String[]::new));
        properties.put("windowMs", settings.windowMs());
        return properties;
    }

    /** One target's matches; the time of the last one decides. */
    private final class Watch implements DetectorWatch {

        private long matches;
        private long matchesAtLastAssess;
        private long lastMatchSeenNanos = Long.MIN_VALUE;

        @Override
        public boolean count(FrameHeaders headers, FrameBuffer frame) {
            boolean valid = headers.valid();
            int from = valid ? headers.payloadOffset() : 0;
            if (!settings().matches(valid ? headers.destinationPort() : FrameHeaders.ABSENT, frame.data(), from,
                    frame.length())) {
                return false;
            }
            matches++;
            return true;
        }

        @Override
        public boolean assess(long nowNanos) {
            if (matches != matchesAtLastAssess) {
                matchesAtLastAssess = matches;
                lastMatchSeenNanos = nowNanos;
            }
            return lastMatchSeenNanos != Long.MIN_VALUE
                    && nowNanos - lastMatchSeenNanos < settings().windowMs() * NANOS_PER_MILLI;
        }

        @Override
        public String describe() {
            SignatureSettings settings = settings();
            return matches + " frames matched ports " + Arrays.toString(settings.ports()) + " or patterns "
                    + SignatureSettings.patternsHex(settings.patterns());
        }
    }
}
