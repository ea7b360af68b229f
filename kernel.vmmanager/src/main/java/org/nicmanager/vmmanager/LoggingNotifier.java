package org.nicmanager.vmmanager;

import org.nicmanager.kernel.api.vm.Alert;
import org.nicmanager.kernel.api.vm.Notifier;
import org.nicmanager.lib.units.TimeSpan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The administrator's channel when no other notifier is installed: each alert as one log line on its own logger
 * ({@code org.nicmanager.vmmanager.LoggingNotifier}), where the patent's VM manager would send an email ([0124]).
 */
@Component(service = Notifier.class)
public final class LoggingNotifier implements Notifier {

    private final Logger logger;

    @Activate
    public LoggingNotifier(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    @Override
    public void notify(Alert alert) {
        logger.info("to the administrator, at {}: [{}] {}: {}", TimeSpan.format(alert.timeNanos()), alert.topic(),
                alert.subject(), alert.details());
    }
}
