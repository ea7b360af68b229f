package org.nicmanager.kernel.api.vm;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Raises an alert for an automatic action: an EventAdmin event (with {@code time}, {@code subject} and
 * {@code details}), a log line, and every {@link Notifier}. Callable from any thread, the world's included; it never
 * waits for a notifier.
 */
@ProviderType
public interface Alerter {

    /** @return the alert as raised, stamped with kernel time */
    Alert raise(String topic, String subject, String details);

    /**
     * {@link #raise(String, String, String)} with more event properties (e.g. the attack's kind); they go on the event
     * only, next to {@code time}, {@code subject} and {@code details}, which they cannot replace.
     */
    Alert raise(String topic, String subject, String details, Map<String, Object> properties);
}
