package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.nicmanager.kernel.api.shell.CommandConsole;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The host's command line over SSH, as Apache Karaf serves its shell ({@code ssh -p 8101}). Off unless PID
 * {@code org.nicmanager.ssh} gives a port: without that configuration this component is never created, and with port
 * 0 it listens on nothing; either way no SSH class is loaded. The server starts and stops on a thread of its own, so
 * neither the host's start-up nor a configuration change waits for it. A changed configuration restarts it; a wrong
 * one is refused with a log line and an event, and the console keeps its last good settings.
 */
@Component(configurationPid = SshConsoleComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SshConsoleComponent.Config.class)
public final class SshConsoleComponent {

    public static final String PID = "org.nicmanager.ssh";
    /** Where FileInstall notes the {@code conf/} file a configuration came from. */
    private static final String SOURCE_FILE = "felix.fileinstall.filename";
    private static final String DEFAULT_HOST_KEY_FILE = "ssh-host-key";
    private static final long STOP_TIMEOUT_SECONDS = 10;

    @ObjectClassDefinition(name = "NIC Manager SSH console",
            description = "Serves the host's command line over SSH with public-key login, on localhost by default.")
    public @interface Config {

        @AttributeDefinition(name = "Port", description = "TCP port to listen on; 0 turns the console off.",
                min = "0", max = "65535")
        int port() default 0;

        @AttributeDefinition(name = "Host", description = "Name or address to listen on.")
        String host() default SshSettings.DEFAULT_HOST;

        @AttributeDefinition(name = "Authorized keys file",
                description = "OpenSSH authorized_keys file: the public keys that may log in (any user name).")
        String authorizedKeysFile() default "";

        @AttributeDefinition(name = "Host key file", description = "Where the server's host key is kept; created on"
                + " first start. Empty: in the framework's storage, which a host started anew may not keep.")
        String hostKeyFile() default "";

        @AttributeDefinition(name = "Password login", description = "Also accept the password below (any user name).")
        boolean passwordLogin() default false;

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "The password that password login accepts, at least 12 characters.")
        String password() default "";
    }

    private final CommandConsole console;
    private final EventAdmin events;
    private final Logger logger;
    private final Path defaultHostKey;
    private final LoginAudit audit;
    /** Starts and stops the server; what follows is owned by its thread. */
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(
            task -> new Thread(task, "nicmgr-ssh-lifecycle"));
    private SshSettings current;
    private AutoCloseable running;

    @Activate
    public SshConsoleComponent(Map<String, Object> properties, BundleContext context, @Reference CommandConsole console,
            @Reference EventAdmin events, @Reference(service = LoggerFactory.class) Logger logger) {
        this.console = console;
        this.events = events;
        this.logger = logger;
        this.defaultHostKey = context.getDataFile(DEFAULT_HOST_KEY_FILE).toPath();
        this.audit = new LoggedLoginAudit(logger, events);
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        lifecycle.execute(this::stop);
        lifecycle.shutdown();
        if (!lifecycle.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            logger.error("the SSH console did not stop within {} s", STOP_TIMEOUT_SECONDS);
        }
    }

    private void apply(Map<String, Object> properties) {
        SshSettings settings;
        try {
            settings = SshSettings.from(properties, defaultHostKey);
        } catch (IllegalArgumentException refused) {
            Object file = properties.get(SOURCE_FILE);
            String source = file == null ? PID : PID + " (" + file + ")";
            logger.error("refused configuration {}: {}; the SSH console keeps its last good settings", source,
                    refused.getMessage());
            post(SshTopics.CONFIGURATION_REFUSED, Map.of(SshTopics.SUBJECT, PID, SshTopics.REASON,
                    refused.getMessage()));
            return;
        }
        lifecycle.execute(() -> switchTo(settings));
    }

    private void switchTo(SshSettings settings) {
        if (settings.equals(current)) {
            return;
        }
        stop();
        if (!settings.enabled()) {
            return;
        }
        try {
            MinaConsoleServer server = MinaConsoleServer.start(settings, console, audit);
            running = server;
            current = settings;
            String address = settings.host() + ":" + server.port();
            logger.info("SSH console listening on {} (host key {}, {})", address, server.hostKeyFingerprint(),
                    settings.hostKey());
            post(SshTopics.LISTENING, Map.of(SshTopics.SUBJECT, address, SshTopics.HOST, settings.host(),
                    SshTopics.PORT, server.port()));
            warnOfUncheckableKeys(settings);
        } catch (IOException failed) {
            logger.error("the SSH console cannot listen on {}:{}: {}", settings.host(), settings.port(),
                    failed.getMessage());
            stop();
        }
    }

    private void warnOfUncheckableKeys(SshSettings settings) {
        if (settings.authorizedKeys() == null) {
            return;
        }
        try {
            UncheckableKeys.in(settings.authorizedKeys()).forEach(warning -> logger.warn("{}", warning));
        } catch (IOException unreadable) {
            logger.warn("cannot read {} to check its keys: {}", settings.authorizedKeys(),
                    unreadable.getMessage());
        }
    }

    private void stop() {
        current = null;
        if (running == null) {
            return;
        }
        try {
            running.close();
            post(SshTopics.STOPPED, Map.of(SshTopics.SUBJECT, PID));
        } catch (Exception failed) {
            logger.error("the SSH console did not stop cleanly: {}", failed.getMessage());
        } finally {
            running = null;
        }
    }

    private void post(String topic, Map<String, Object> properties) {
        events.postEvent(new Event(topic, new TreeMap<>(properties)));
    }
}
