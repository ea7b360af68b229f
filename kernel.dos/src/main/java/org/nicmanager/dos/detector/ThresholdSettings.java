package org.nicmanager.dos.detector;

/**
 * Settings of a detector that counts one kind of frame against a rate threshold.
 *
 * @param thresholdFramesPerSecond frames of that kind per second that are an attack; above 0
 * @param windowMs the sliding window the rate is measured over; above 0
 */
public record ThresholdSettings(long thresholdFramesPerSecond, long windowMs) {

    public ThresholdSettings {
        RateSettings.above0("thresholdFramesPerSecond", thresholdFramesPerSecond);
        RateSettings.above0("windowMs", windowMs);
    }
}
