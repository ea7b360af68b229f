package org.nicmanager.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.nicmanager.lib.config.ConfigurationCheck;
import org.nicmanager.lib.config.ConfigurationRefused;
import org.nicmanager.lib.config.EnsembleAddress;

/**
 * The cluster configuration (PID {@value #PID}), checked: where the ensemble is, this host's id, its session timeout,
 * and where an embedded server keeps its data.
 *
 * @param dataDirectory the embedded server's data directory, or empty for a temporary one
 */
record ClusterSettings(EnsembleAddress ensemble, String hostId, int sessionTimeoutMs, String dataDirectory) {

    static final String PID = "org.nicmanager.cluster";
    static final int DEFAULT_SESSION_TIMEOUT_MS = 6_000;
    static final int MIN_SESSION_TIMEOUT_MS = 1_000;
    static final int MAX_SESSION_TIMEOUT_MS = 120_000;

    /**
     * @throws ConfigurationRefused naming the key, the value and what is allowed
     */
    static ClusterSettings read(ClusterComponent.Config config, Map<String, ?> properties) {
        ConfigurationCheck check = new ConfigurationCheck(PID, properties);
        String file = check.file();
        EnsembleAddress ensemble;
        try {
            ensemble = EnsembleAddress.parse(config.connectString());
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationRefused(PID, file, "connectString", config.connectString(), bad.getMessage());
        }
        String hostId = config.hostId().isBlank() ? machineName() : config.hostId().trim();
        try {
            EnsembleAddress.checkHostId(hostId);
        } catch (IllegalArgumentException bad) {
            throw new ConfigurationRefused(PID, file, "hostId", hostId, bad.getMessage());
        }
        int timeout = check.intWithin("sessionTimeoutMs", config::sessionTimeoutMs, MIN_SESSION_TIMEOUT_MS,
                MAX_SESSION_TIMEOUT_MS);
        return new ClusterSettings(ensemble, hostId, timeout, config.dataDirectory().trim());
    }

    /** The machine's host name: the default host id. */
    static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unresolved) {
            String name = System.getenv("HOSTNAME");
            return name == null || name.isBlank() ? "localhost" : name;
        }
    }
}
