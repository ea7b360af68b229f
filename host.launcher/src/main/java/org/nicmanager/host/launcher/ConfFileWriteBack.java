package org.nicmanager.host.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.felix.utils.properties.TypedProperties;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.log.Logger;

/**
 * Keeps each {@code conf/} file in step with the configuration FileInstall made from it: a command's change (say
 * {@code bond:policy}) is written back into the file, and a deleted configuration ({@code bond:delete}) deletes its
 * file. Without this the file would keep the old values and bring them back at the next start, undoing the command
 * without a word. The NIC Manager's own configurations only ({@link StateDirectory#kept}); the kernel's is decided by
 * the command line.
 *
 * <p>Why not FileInstall's own write-back ({@code felix.fileinstall.enableConfigSave}): it rewrites a file in place
 * while its watcher may be reading that file, and the watcher then applies the half-written (often empty) file. Tried
 * here, it emptied a bond's file at start-up in two runs out of four. This writes the new text beside the file and
 * moves it over, so a reader sees the old text or the new, never a torn one. The text is Felix's typed properties
 * format, as FileInstall reads it, with the file's comments and order kept; a file whose text would not change is not
 * touched.
 *
 * <p>Events arrive on ConfigAdmin's thread, are written by a drain thread, and {@link #flush} runs on the stopping
 * launcher's; all are control path.
 */
final class ConfFileWriteBack implements ConfigurationListener {

    private final ConfigurationAdmin configurations;
    private final Logger logger;
    /** PID to its file, for configurations that came from one: a deleted configuration no longer says which. */
    private final Map<String, Path> files = new HashMap<>();
    /** PIDs changed since the last drain, with the last change's event type, in the order they first changed. */
    private final Map<String, Integer> pending = new LinkedHashMap<>();
    /** The longest changes wait to be written back while the host runs (a stopping host writes them at once). */
    private static final long MAX_GATHER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final ThreadMXBean CPU_TIME = ManagementFactory.getThreadMXBean();
    /** The CPU time the last drain took (the drain thread's alone). */
    private volatile long lastDrainNanos;
    /** Drains the changes off ConfigAdmin's event thread, so that events that arrive meanwhile share one listing. */
    private final ScheduledExecutorService drainer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "nicmgr-conf-write-back");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts with the configurations FileInstall has already made, before this listened. */
    ConfFileWriteBack(ConfigurationAdmin configurations, Logger logger) throws IOException {
        this.configurations = configurations;
        this.logger = logger;
        for (Configuration configuration : fromFiles()) {
            files.put(configuration.getPid(), fileOf(configuration.getProperties()));
        }
    }

    /**
     * Notes the change and lets {@link #drain} take it: finding a configuration by PID makes ConfigAdmin test every
     * configuration, so one lookup per event made a host with thousands of VMs (one configuration each) quadratic
     * (issue 17). The drain takes all the changes noted since the last one with one listing.
     */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!StateDirectory.kept(event.getPid()) || event.getType() != ConfigurationEvent.CM_UPDATED
                && event.getType() != ConfigurationEvent.CM_DELETED) {
            return; // CM_LOCATION_CHANGED: the bundle a configuration is bound to is not in its file
        }
        boolean first;
        synchronized (pending) {
            first = pending.isEmpty();
            pending.put(event.getPid(), event.getType());
        }
        if (first) {
            try {
                // The listing costs as much with one change as with thousands: after a costly one, changes gather
                // for fifty times its cost, so that write-back takes at most 2% of a core, however many VMs.
                drainer.schedule(this::drainQuietly, Math.min(MAX_GATHER_NANOS, 50 * lastDrainNanos),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                // closed: flush() takes what is pending
            }
        }
    }

    /** The drain's cost is the CPU time its thread spends, the budget the gathering keeps to; no clock is read. */
    private void drainQuietly() {
        long start = CPU_TIME.getCurrentThreadCpuTime();
        try {
            drain();
            lastDrainNanos = CPU_TIME.getCurrentThreadCpuTime() - start;
        } catch (IOException | RuntimeException failed) {
            logger.error("the conf/ files could not all be kept in step with their configurations: {}",
                    failed.getMessage());
        }
    }

    /** Brings the files of the configurations changed since the last drain in step; one listing for them all. */
    private synchronized void drain() throws IOException {
        Map<String, Integer> changed;
        synchronized (pending) {
            changed = new LinkedHashMap<>(pending);
            pending.clear();
        }
        if (changed.isEmpty()) {
            return;
        }
        Map<String, Dictionary<String, Object>> fromFiles = new HashMap<>();
        for (Configuration configuration : fromFiles()) {
            fromFiles.put(configuration.getPid(), configuration.getProperties());
        }
        for (Map.Entry<String, Integer> change : changed.entrySet()) {
            String pid = change.getKey();
            try {
                if (change.getValue() == ConfigurationEvent.CM_UPDATED) {
                    writeBack(pid, fromFiles.get(pid));
                } else {
                    deleteFileOf(pid);
                }
            } catch (IOException | RuntimeException failed) {
                logger.error("the conf/ file of {} could not be kept in step with it: {}", pid, failed.getMessage());
            }
        }
    }

    /**
     * Brings every file in step at once, and stops the drain. Run as the host stops, because ConfigAdmin tells
     * listeners later, on its own thread, and a host stopping right after a command would otherwise lose the change.
     */
    synchronized void flush() throws IOException {
        drainer.shutdown();
        drain();
        List<Configuration> fromFiles = fromFiles();
        List<String> present = fromFiles.stream().map(Configuration::getPid).toList();
        for (Configuration configuration : fromFiles) {
            writeBack(configuration.getPid(), configuration.getProperties());
        }
        for (String gone : files.keySet().stream().filter(pid -> !present.contains(pid)).toList()) {
            deleteFileOf(gone);
        }
    }

    /** The NIC Manager's configurations that came from files. */
    private List<Configuration> fromFiles() throws IOException {
        try {
            Configuration[] found = configurations.listConfigurations("(" + ConfigurationFiles.FILE_MARK + "=*)");
            return found == null ? List.of()
                    : Arrays.stream(found).filter(configuration -> StateDirectory.kept(configuration.getPid()))
                            .toList();
        } catch (InvalidSyntaxException cannotHappen) {
            throw new IllegalStateException("the filter for configurations from files is malformed", cannotHappen);
        }
    }

    /** FileInstall's mark is the file's {@code file:} URI. */
    private static Path fileOf(Dictionary<String, Object> properties) {
        return Path.of(URI.create(properties.get(ConfigurationFiles.FILE_MARK).toString()));
    }

    /** {@code properties} are those of {@code pid}, or null when it is not from a file (or gone). */
    private void writeBack(String pid, Dictionary<String, Object> properties) throws IOException {
        if (properties == null || !ConfigurationFiles.fromFile(properties)) {
            return; // deleted since (its CM_DELETED follows), or not from a file
        }
        Path file = fileOf(properties);
        files.put(pid, file);
        if (!Files.isRegularFile(file)) {
            return; // the operator removed the file; FileInstall deletes the configuration
        }
        byte[] before = Files.readAllBytes(file);
        byte[] after = text(before, StoredProperties.written(properties));
        if (!Arrays.equals(before, after)) {
            // Written beside the file and moved over it. The name is one FileInstall does not watch (it takes .cfg
            // and .config), so the partial file is never applied.
            ReplacedFile.write(file, out -> out.write(after));
            logger.info("{} written back into {}", pid, file);
        }
    }

    /** The file's text with {@code values} in it: other keys removed, comments and order kept. */
    static byte[] text(byte[] file, Map<String, Object> values) throws IOException {
        TypedProperties text = new TypedProperties();
        text.load(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.ISO_8859_1));
        text.keySet().retainAll(values.keySet());
        // One put per key, new keys in name order: TypedProperties.update would write typed values into a file of
        // plain values as escaped text, which FileInstall reads back as strings.
        new TreeMap<>(values).forEach(text::put);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1)) {
            text.save(out);
        }
        return bytes.toByteArray();
    }

    private void deleteFileOf(String pid) throws IOException {
        Path file = files.remove(pid);
        if (file != null && Files.deleteIfExists(file)) {
            logger.info("{} deleted, and with it {}", pid, file);
        }
    }
}
