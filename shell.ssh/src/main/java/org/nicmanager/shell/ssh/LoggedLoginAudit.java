package org.nicmanager.shell.ssh;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * Reports each connection that ended without a login as a warning in the log and a {@code nicmgr/ssh/LOGIN_REFUSED} event. What the client
 * sent is escaped first, so that a user name cannot forge a log line.
 */
final class LoggedLoginAudit implements LoginAudit {

    /** Said when a client ended without offering a credential this server can check. */
    static final String NOTHING_CHECKABLE = "no credential this server can check (it checks RSA and ECDSA keys)";

    private final Logger logger;
    private final EventAdmin events;

    LoggedLoginAudit(Logger logger, EventAdmin events) {
        this.logger = logger;
        this.events = events;
    }

    @Override
    public void refused(RefusedLogin login) {
        // Escaped here, not only by the log's layout: the same text goes into the event (the timeline, the dashboard).
        String user = login.user() == null ? "-" : LogText.escaped(login.user());
        String remote = LogText.escaped(login.remote());
        String tried = login.attempts().isEmpty() ? NOTHING_CHECKABLE
                : LogText.escaped(String.join("; ", login.attempts()));
        logger.warn("SSH login refused: user '{}' from {}, refused: {}", user, remote, tried);
        Map<String, Object> properties = new TreeMap<>();
        properties.put(SshTopics.SUBJECT, user + "@" + remote);
        properties.put(SshTopics.USER, user);
        properties.put(SshTopics.REMOTE, remote);
        properties.put(SshTopics.ATTEMPTS, tried);
        events.postEvent(new Event(SshTopics.LOGIN_REFUSED, properties));
    }
}
