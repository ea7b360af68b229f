package org.nicmanager.host.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * <p>Events arrive on ConfigAdmin's thread and {@link #flush} on the stopping launcher's; both are control path.
 */
final class ConfFileWriteBack implements ConfigurationListener {

    private final ConfigurationAdmin configurations;
    private final Logger logger;
    /** PID to its file, for configurations that came from one: a deleted configuration no longer says which. */
    private final Map<String, Path> files = new HashMap<>();

    /** Starts with the configurations FileInstall has already made, before this listened. */
    ConfFileWriteBack(ConfigurationAdmin configurations, Logger logger) throws IOException {
        this.configurations = configurations;
        this.logger = logger;
        for (Configuration configuration : fromFiles()) {
            files.put(configuration.getPid(), fileOf(configuration.getProperties()));
        }
    }

    @Override
    public synchronized void configurationEvent(ConfigurationEvent event) {
        if (!StateDirectory.kept(event.getPid())) {
            return;
        }
        try {
            switch (event.getType()) {
                case ConfigurationEvent.CM_UPDATED -> writeBack(event.getPid());
                case ConfigurationEvent.CM_DELETED -> deleteFileOf(event.getPid());
                default -> {
                    // CM_LOCATION_CHANGED: the bundle a configuration is bound to is not in its file
                }
            }
        } catch (IOException | RuntimeException failed) {
            logger.error("the conf/ file of {} could not be kept in step with it: {}", event.getPid(),
                    failed.getMessage());
        }
    }

    /**
     * Brings every file in step at once. Run as the host stops, because ConfigAdmin tells listeners later, on its own
     * thread, and a host stopping right after a command would otherwise lose the change.
     */
    synchronized void flush() throws IOException {
        List<String> present = fromFiles().stream().map(Configuration::getPid).toList();
        for (String pid : present) {
            writeBack(pid);
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

    private void writeBack(String pid) throws IOException {
        Dictionary<String, Object> properties = StoredProperties.of(configurations, pid);
        if (!ConfigurationFiles.fromFile(properties)) {
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
