package org.nicmanager.host.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Turns on the SSH console (configuration PID {@value #PID}, read by the SSH bundle) when the command line asks for it
 * with {@code --ssh-port}: its port, the {@code authorized_keys} file whose keys may log in, and, unless configured
 * otherwise, the loopback host. Without the option nothing is written, and the port stays off unless a {@code conf/}
 * file configures it.
 */
final class SshSettings {

    static final String PID = "org.nicmanager.ssh";
    static final String PORT = "port";
    static final String AUTHORIZED_KEYS = "authorizedKeysFile";
    static final String HOST = "host";
    static final String DEFAULT_HOST = "localhost";

    private SshSettings() {
    }

    /** @return whether the SSH console was configured */
    static boolean configure(ConfigurationAdmin configurations, LaunchOptions options) throws IOException {
        if (options.ssh() == null) {
            return false;
        }
        Configuration ssh = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = ssh.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(PORT, options.ssh().port());
        properties.put(AUTHORIZED_KEYS, keysFile(options.ssh().authorizedKeysFile()));
        if (properties.get(HOST) == null) {
            properties.put(HOST, DEFAULT_HOST);
        }
        ssh.updateIfDifferent(properties);
        return true;
    }

    /** An absolute path: {@code ~/} is the user's home, a relative path is taken from where the host started. */
    static String keysFile(String option) {
        String path = option.equals("~") || option.startsWith("~/")
                ? System.getProperty("user.home") + option.substring(1) : option;
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
