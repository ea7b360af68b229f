package org.nicmanager.host.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import org.apache.felix.cm.file.ConfigurationHandler;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.log.Logger;

/**
 * Keeps the host's configuration across restarts ({@code --state DIR}). Every NIC Manager configuration in
 * ConfigAdmin (bonds, VM definitions, network allocations, DoS policies, settings: the PIDs under {@value #PREFIX})
 * is written to the directory as one Felix {@code .config} file, which keeps value types, each time it changes; a
 * deleted one loses its file. When the host starts, the files are read back into ConfigAdmin before the NIC Manager's
 * bundles start (this runs at start level 12, they start at 15), so bonds, VMs and allocations come back as they were.
 *
 * <p>Two kinds are left out: the kernel's, the SSH console's and the cluster's configurations, because the command line
 * decides them (the clock and the seed, the SSH port, the cluster); and
 * configurations that come from {@code conf/} files, because their files keep them ({@link ConfFileWriteBack}).
 */
final class StateDirectory implements ConfigurationListener {

    static final String PREFIX = "org.nicmanager.";
    static final String SUFFIX = ".config";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));

    private final Path directory;
    private final ConfigurationAdmin configurations;
    private final Logger logger;

    /**
     * @throws IllegalArgumentException when {@code directory} exists and is not a directory, or cannot be made
     */
    StateDirectory(Path directory, ConfigurationAdmin configurations, Logger logger) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("bad --state '" + directory + "': it is a file; a directory is needed");
        }
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory, OWNER_ONLY);
            }
            refuseIfOthersCanWrite(directory);
        } catch (IOException cannotMake) {
            throw new IllegalArgumentException("bad --state '" + directory + "': cannot make or read the directory ("
                    + cannotMake.getMessage() + ")");
        }
        this.directory = directory;
        this.configurations = configurations;
        this.logger = logger;
    }

    /**
     * A directory that group or others may write is refused, as ssh refuses such a {@code ~/.ssh}: another user could
     * plant files there that the next start restores as configuration, or links that redirect its writes.
     */
    private static void refuseIfOthersCanWrite(Path directory) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        if (view == null) {
            return; // no POSIX permissions on this file system: its own access control applies
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalArgumentException("bad --state '" + directory + "': group or others can write it ("
                    + PosixFilePermissions.toString(permissions) + "), so another user could plant configuration"
                    + " there; allowed: a directory only its owner writes (chmod go-w '" + directory + "')");
        }
    }

    /**
     * True for a PID this directory keeps: not those the command line decides (the kernel's, the SSH console's, the
     * cluster's: a host started without --cluster stands alone, whatever an earlier start said).
     */
    static boolean kept(String pid) {
        return pid.startsWith(PREFIX) && !pid.equals(HostLauncher.KERNEL_PID) && !pid.equals(SshSettings.PID)
                && !pid.equals(ClusterSettings.PID);
    }

    /** The file of a PID; names are encoded (but for the {@code ~} of factory PIDs), so any PID makes a plain name. */
    static String fileName(String pid) {
        return URLEncoder.encode(pid, StandardCharsets.UTF_8).replace("%7E", "~") + SUFFIX;
    }

    /** The PID of a file name made by {@link #fileName}. */
    static String pidOf(String fileName) {
        return URLDecoder.decode(fileName.substring(0, fileName.length() - SUFFIX.length()), StandardCharsets.UTF_8);
    }

    /**
     * Gives every kept configuration in the directory back to ConfigAdmin. A file that cannot be read is logged, by
     * name and reason, and left out; the others are restored.
     *
     * @return the PIDs restored
     */
    List<String> restore() throws IOException {
        List<String> restored = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String pid = pidOf(file.getFileName().toString());
                if (!kept(pid)) {
                    logger.warn("state file {} left out: {} is not a configuration --state keeps", file, pid);
                    continue;
                }
                Dictionary<String, Object> properties;
                try (InputStream in = Files.newInputStream(file)) {
                    properties = read(in);
                } catch (IOException | RuntimeException unreadable) {
                    logger.warn("state file {} left out: it cannot be read as a configuration ({})", file,
                            unreadable.getMessage());
                    continue;
                }
                if (fromConfFile(pid)) {
                    continue; // a conf/ file holds it, and FileInstall gives it to ConfigAdmin
                }
                configurationOf(pid).update(properties);
                restored.add(pid);
            }
        }
        return restored;
    }

    /**
     * Brings the directory in line with ConfigAdmin at once: every kept configuration written, every file of one that
     * is gone deleted. Run as the host stops, because ConfigAdmin tells listeners later, on its own thread, and a host
     * stopping right after a change would otherwise lose it.
     */
    void flush() throws IOException {
        List<String> present = new ArrayList<>();
        try {
            Configuration[] all = configurations.listConfigurations(null);
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                String pid = configuration.getPid();
                if (kept(pid)) {
                    save(pid, directory.resolve(fileName(pid)));
                    present.add(fileName(pid));
                }
            }
        } catch (InvalidSyntaxException cannotHappen) {
            throw new IllegalStateException("listing every configuration was refused", cannotHappen);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (!present.contains(file.getFileName().toString()) && kept(pidOf(file.getFileName().toString()))) {
                    Files.delete(file);
                }
            }
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (!kept(pid)) {
            return;
        }
        Path file = directory.resolve(fileName(pid));
        try {
            switch (event.getType()) {
                case ConfigurationEvent.CM_UPDATED -> save(pid, file);
                case ConfigurationEvent.CM_DELETED -> Files.deleteIfExists(file);
                default -> {
                    // CM_LOCATION_CHANGED: the bundle a configuration is bound to is not kept
                }
            }
        } catch (IOException failed) {
            logger.error("the state of {} could not be kept in {}: {}", pid, file, failed.getMessage());
        }
    }

    private void save(String pid, Path file) throws IOException {
        Dictionary<String, Object> properties = StoredProperties.of(configurations, pid);
        if (properties == null || ConfigurationFiles.fromFile(properties)) {
            return; // deleted since (its CM_DELETED follows), or a conf/ file's
        }
        Hashtable<String, Object> kept = StoredProperties.written(properties);
        // Written beside the file and moved over it, so a crash leaves the old file or the new one, never half.
        ReplacedFile.write(file, out -> ConfigurationHandler.write(out, kept));
    }

    private boolean fromConfFile(String pid) throws IOException {
        return ConfigurationFiles.fromFile(StoredProperties.of(configurations, pid));
    }

    /** A factory configuration's PID is {@code factoryPid~name} (ConfigAdmin 1.6 named factory configurations). */
    private Configuration configurationOf(String pid) throws IOException {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? configurations.getConfiguration(pid, "?")
                : configurations.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, Object> read(InputStream in) throws IOException {
        Dictionary<String, Object> properties = ConfigurationHandler.read(in);
        for (String key : StoredProperties.OWN) {
            properties.remove(key);
        }
        return properties;
    }
}
