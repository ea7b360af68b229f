package org.nicmanager.host.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.nicmanager.lib.config.EnsembleAddress;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Makes the host a cluster member (configuration PID {@value #PID}, read by the cluster bundle) when the command line
 * asks for it with {@code --cluster}: the ensemble, this host's id (the machine's host name unless {@code --host-id}),
 * and, for an embedded server, its data directory under {@code --state}. Without the option nothing is written, and
 * the cluster bundle, whose component needs that configuration, loads no ZooKeeper class.
 */
final class ClusterSettings {

    static final String PID = "org.nicmanager.cluster";
    static final String CONNECT_STRING = "connectString";
    static final String HOST_ID = "hostId";
    static final String DATA_DIRECTORY = "dataDirectory";
    /** The embedded server's folder inside the {@code --state} directory. */
    static final String STATE_SUBDIRECTORY = "zookeeper";

    private ClusterSettings() {
    }

    /**
     * @return whether the host was made a cluster member
     * @throws IllegalArgumentException when the machine's host name is no valid host id and none was given
     */
    static boolean configure(ConfigurationAdmin configurations, LaunchOptions options) throws IOException {
        LaunchOptions.ClusterOptions cluster = options.cluster();
        if (cluster == null) {
            return false;
        }
        String hostId = cluster.hostId() != null ? cluster.hostId() : machineHostId();
        Configuration configuration = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CONNECT_STRING, cluster.ensembleText().trim());
        properties.put(HOST_ID, hostId);
        if (cluster.ensemble().embedded() && options.stateDirectory() != null) {
            properties.put(DATA_DIRECTORY, Path.of(options.stateDirectory(), STATE_SUBDIRECTORY).toAbsolutePath()
                    .normalize().toString());
        }
        configuration.updateIfDifferent(properties);
        return true;
    }

    private static String machineHostId() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolved) {
            name = System.getenv("HOSTNAME");
        }
        try {
            return EnsembleAddress.checkHostId(name);
        } catch (IllegalArgumentException unusable) {
            throw new IllegalArgumentException("the machine's host name '" + name + "' cannot be a host id ("
                    + unusable.getMessage() + "); give one with --host-id NAME");
        }
    }
}
