package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells an administrator about an {@link Alert} (whiteboard: every registered notifier gets every alert), as the
 * patent's VM manager sends an email ([0124]). Called off the network world's thread, one alert at a time, so a slow
 * notifier delays other notifications, never the network.
 */
@ConsumerType
public interface Notifier {

    void notify(Alert alert);
}
