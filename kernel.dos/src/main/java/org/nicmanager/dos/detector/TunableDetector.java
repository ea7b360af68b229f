package org.nicmanager.dos.detector;

import org.nicmanager.kernel.api.dos.DosDetector;

/** One of this bundle's detectors, which {@code dos:detector} shows and tunes. */
public interface TunableDetector extends DosDetector {

    /** Its name in {@code dos:detector}, e.g. {@code syn}. */
    String optionName();

    DetectorView view();

    /**
     * Changes the settings named in {@code options}, keeping the others, and stores them in ConfigAdmin.
     *
     * @throws IllegalArgumentException naming the bad value and what is allowed; nothing changes then
     */
    DetectorView tune(DetectorOptions options);
}
