package org.nicmanager.dos.detector;

import java.util.function.LongSupplier;

import org.nicmanager.lib.config.ConfigurationCheck;

/**
 * Settings of a detector that counts one kind of frame against a rate threshold.
 *
 * @param thresholdFramesPerSecond frames of that kind per second that are an attack; 1 to {@link
 *        RateSettings#MAX_FRAMES_PER_SECOND}
 * @param windowMs the sliding window the rate is measured over; 1 to {@link RateSettings#MAX_WINDOW_MS}
 */
public record ThresholdSettings(long thresholdFramesPerSecond, long windowMs) {

    public ThresholdSettings {
        RateSettings.within("thresholdFramesPerSecond", thresholdFramesPerSecond, RateSettings.MAX_FRAMES_PER_SECOND);
        RateSettings.within("windowMs", windowMs, RateSettings.MAX_WINDOW_MS);
    }

    /** Read from a configuration, each value checked against both its bounds. */
    static ThresholdSettings read(ConfigurationCheck check, LongSupplier thresholdFramesPerSecond,
            LongSupplier windowMs) {
        return new ThresholdSettings(check.longWithin("thresholdFramesPerSecond", thresholdFramesPerSecond, 1,
                RateSettings.MAX_FRAMES_PER_SECOND), check.longWithin("windowMs", windowMs, 1,
                        RateSettings.MAX_WINDOW_MS));
    }
}
