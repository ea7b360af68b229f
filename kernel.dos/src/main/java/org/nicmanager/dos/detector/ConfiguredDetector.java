package org.nicmanager.dos.detector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.nicmanager.kernel.api.time.NetworkWorld;
import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

/**
 * What every detector of this bundle shares: settings that live on the network world's thread (its watches read them
 * there, on the frame path too), kept in ConfigAdmin under the detector's PID. {@code dos:detector} puts a change in
 * force at once and stores it with the next revision; the configuration event that follows carries that revision and is
 * recognised as not newer. A configuration written by hand (no revision) always applies. Every value of one is checked
 * against both its bounds ({@link ConfigurationCheck}); a bad one, even one DS cannot convert, is refused with a log
 * line and a {@link ConfigurationRefused#TOPIC} event naming the file, the key, the value and what is allowed, and the
 * settings in force stay.
 *
 * @param <S> the settings record, which checks its own values
 */
abstract class ConfiguredDetector<S> implements TunableDetector {

    static final String REVISION = "revision";

    private final String pid;
    private final NetworkWorld world;
    private final ConfigurationAdmin configurations;
    private final EventAdmin events;
    private final Logger logger;
    private S settings;
    private long revision;

    ConfiguredDetector(String pid, NetworkWorld world, ConfigurationAdmin configurations, EventAdmin events,
            Logger logger, S defaults) {
        this.pid = pid;
        this.world = world;
        this.configurations = configurations;
        this.events = events;
        this.logger = logger;
        this.settings = defaults;
    }

    /** The settings in force; world thread only. */
    final S settings() {
        return settings;
    }

    /**
     * From ConfigAdmin: applied unless stale; a bad configuration is refused (logged and posted) and changes nothing.
     *
     * @param properties the configuration as DS hands it over, for the file and the values as written
     * @param read the settings, each value read through the check
     * @param configuredRevision the configuration's revision ({@code dos:detector} writes it)
     */
    final void configured(Map<String, ?> properties, Function<ConfigurationCheck, S> read,
            LongSupplier configuredRevision) {
        ConfigurationCheck check = new ConfigurationCheck(pid, properties);
        S parsed;
        long configRevision;
        try {
            parsed = read.apply(check);
            configRevision = check.longWithin(REVISION, configuredRevision, 0, Long.MAX_VALUE);
        } catch (ConfigurationRefused refused) {
            logger.error("{}", refused.getMessage());
            events.postEvent(new Event(ConfigurationRefused.TOPIC, refused.eventProperties()));
            return;
        }
        world.run(() -> {
            if (configRevision > 0 && configRevision <= revision) {
                return;
            }
            revision = Math.max(configRevision, revision + 1);
            settings = parsed;
        });
    }

    @Override
    public final DetectorView view() {
        return new DetectorView(kind(), pid, shown(properties(world.call(this::settings))));
    }

    @Override
    public final DetectorView tune(DetectorOptions options) {
        S tuned = tuned(world.call(this::settings), options); // refuses before anything changes
        long stored = world.call(() -> {
            revision++;
            settings = tuned;
            return revision;
        });
        Dictionary<String, Object> properties = new Hashtable<>(properties(tuned));
        properties.put(REVISION, stored);
        try {
            ConfigurationFiles.update(configurations.getConfiguration(pid, "?"), properties);
        } catch (IOException unsaved) {
            throw new UncheckedIOException("the " + kind() + " detector's settings are in force but were not saved",
                    unsaved);
        }
        return new DetectorView(kind(), pid, shown(properties(tuned)));
    }

    /** Properties as people read them: arrays as lists. */
    private static Map<String, Object> shown(Map<String, Object> properties) {
        Map<String, Object> shown = new LinkedHashMap<>();
        properties.forEach((key, value) -> shown.put(key, value instanceof int[] ints
                ? Arrays.stream(ints).boxed().toList()
                : value instanceof Object[] objects ? Arrays.asList(objects) : value));
        return shown;
    }

    /** The settings {@code options} ask for, from {@code current}. */
    abstract S tuned(S current, DetectorOptions options);

    /** The settings as configuration properties (also what {@code dos:detector} shows). */
    abstract Map<String, Object> properties(S settings);
}
