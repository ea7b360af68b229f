package org.nicmanager.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.nicmanager.kernel.api.vm.Alert;
import org.nicmanager.kernel.api.vm.Alerter;

/**
 * Test double of the alerter: records each alert it is asked to raise, with its properties, stamped with the time its
 * clock gives. Safe to raise from any thread.
 */
public final class AlerterTestDouble implements Alerter {

    /** The alerts raised, in order. */
    public final List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
    /** The properties of each alert, in the same order. */
    public final List<Map<String, Object>> properties = Collections.synchronizedList(new ArrayList<>());
    private final LongSupplier clock;

    /** Alerts stamped at time 0. */
    public AlerterTestDouble() {
        this(() -> 0);
    }

    /** Alerts stamped with {@code clock}'s time, in nanoseconds. */
    public AlerterTestDouble(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public Alert raise(String topic, String subject, String details) {
        return raise(topic, subject, details, Map.of());
    }

    @Override
    public Alert raise(String topic, String subject, String details, Map<String, Object> extra) {
        Alert alert = new Alert(topic, subject, details, clock.getAsLong());
        alerts.add(alert);
        properties.add(extra);
        return alert;
    }

    /** The topics of the alerts raised, in order. */
    public List<String> topics() {
        synchronized (alerts) {
            return alerts.stream().map(Alert::topic).toList();
        }
    }
}
