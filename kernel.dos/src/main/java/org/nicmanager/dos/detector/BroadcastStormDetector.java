package org.nicmanager.dos.detector;

import java.util.Map;

import org.nicmanager.kernel.api.dos.DosDetector;
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

/** Broadcast storm: frames to the broadcast MAC received above a rate. */
@Component(service = {DosDetector.class, TunableDetector.class}, configurationPid = BroadcastStormDetector.PID)
@Designate(ocd = BroadcastStormDetector.Config.class)
public final class BroadcastStormDetector extends FrameRateDetector {

    public static final String PID = "org.nicmanager.dos.detector.broadcast";
    public static final String KIND = "BROADCAST_STORM";
    public static final long DEFAULT_THRESHOLD_FRAMES_PER_SECOND = 5_000;
    public static final long DEFAULT_WINDOW_MS = 50;

    @ObjectClassDefinition(name = "DoS detector: broadcast storm", description = "Broadcast frames received per"
            + " second above a threshold.")
    public @interface Config {

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_FRAMES_PER_SECOND,
                description = "Broadcast frames per second that are a storm.")
        long thresholdFramesPerSecond() default DEFAULT_THRESHOLD_FRAMES_PER_SECOND;

        @AttributeDefinition(min = "1", max = "" + RateSettings.MAX_WINDOW_MS,
                description = "The sliding window the rate is measured over.")
        long windowMs() default DEFAULT_WINDOW_MS;

        @AttributeDefinition(required = false, description = "Written by dos:detector; leave it out by hand.")
        long revision() default 0;
    }

    @Activate
    public BroadcastStormDetector(Config config, Map<String, Object> properties, @Reference NetworkWorld world,
            @Reference ConfigurationAdmin configurations, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        super(PID, "broadcast", "broadcast frames", world, configurations, events, logger,
                new ThresholdSettings(DEFAULT_THRESHOLD_FRAMES_PER_SECOND, DEFAULT_WINDOW_MS));
        modified(config, properties);
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        configured(properties, check -> ThresholdSettings.read(check, config::thresholdFramesPerSecond,
                config::windowMs), config::revision);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    boolean matches(FrameHeaders headers) {
        return headers.isBroadcast();
    }
}
