package org.nicmanager.dos.detector;

import org.nicmanager.kernel.api.dos.DosDetector;
import org.nicmanager.kernel.api.frame.FrameHeaders;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
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

        @AttributeDefinition(min = "1", description = "Broadcast frames per second that are a storm.")
        long thresholdFramesPerSecond() default DEFAULT_THRESHOLD_FRAMES_PER_SECOND;

        @AttributeDefinition(min = "1", description = "The sliding window the rate is measured over.")
        long windowMs() default DEFAULT_WINDOW_MS;

        @AttributeDefinition(required = false, description = "Written by dos:detector; leave it out by hand.")
        long revision() default 0;
    }

    @Activate
    public BroadcastStormDetector(Config config, @Reference NetworkWorld world,
            @Reference ConfigurationAdmin configurations, @Reference(service = LoggerFactory.class) Logger logger) {
        super(PID, "broadcast", "broadcast frames", world, configurations, logger,
                new ThresholdSettings(DEFAULT_THRESHOLD_FRAMES_PER_SECOND, DEFAULT_WINDOW_MS));
        modified(config);
    }

    @Modified
    void modified(Config config) {
        configured(() -> new ThresholdSettings(config.thresholdFramesPerSecond(), config.windowMs()),
                config.revision());
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
