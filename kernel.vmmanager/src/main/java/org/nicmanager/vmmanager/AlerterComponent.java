package org.nicmanager.vmmanager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.vm.Alert;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.Notifier;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Raises alerts (patent [0124], [0133]): an EventAdmin event, a log line, and every {@link Notifier}. Notifiers run on
 * this component's own thread, in the order alerts were raised, so that a slow one (an email, say) never holds up the
 * network world that raised the alert.
 */
@Component(service = Alerter.class)
public final class AlerterComponent implements Alerter {

    private final KernelClock clock;
    private final EventAdmin events;
    private final Logger logger;
    private final ExecutorService notifications;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<Notifier> notifiers = new CopyOnWriteArrayList<>();

    @Activate
    public AlerterComponent(@Reference KernelClock clock, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.clock = clock;
        this.events = events;
        this.logger = logger;
        this.notifications = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "nicmgr-notifiers");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        notifications.shutdown();
    }

    @Override
    public Alert raise(String topic, String subject, String details) {
        return raise(topic, subject, details, Map.of());
    }

    @Override
    public Alert raise(String topic, String subject, String details, Map<String, Object> properties) {
        Alert alert = new Alert(topic, subject, details, clock.nanoTime());
        Map<String, Object> event = new HashMap<>(properties);
        event.put(VmTopics.TIME, alert.timeNanos());
        event.put(VmTopics.SUBJECT, subject);
        event.put(VmTopics.DETAILS, details);
        events.postEvent(new Event(topic, event));
        logger.warn("{} {}: {}", topic, subject, details);
        notifications.execute(() -> notifyAll(alert));
        return alert;
    }

    private void notifyAll(Alert alert) {
        for (Notifier notifier : notifiers) {
            try {
                notifier.notify(alert);
            } catch (RuntimeException failed) {
                // One notifier failing must not keep the alert from the others.
                logger.error("notifier {} failed on alert {} {}", notifier, alert.topic(), alert.subject(), failed);
            }
        }
    }
}
