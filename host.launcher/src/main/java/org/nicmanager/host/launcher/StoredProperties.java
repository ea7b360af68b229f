package org.nicmanager.host.launcher;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.nicmanager.lib.config.ConfigurationFiles;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A configuration's properties as ConfigAdmin stores them, and the part of them that is written to files. */
final class StoredProperties {

    /** Properties ConfigAdmin and FileInstall set themselves: not written to a file, not given back from one. */
    static final List<String> OWN = List.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, ConfigurationFiles.FILE_MARK);

    private StoredProperties() {
    }

    /** The properties of {@code pid}, or null when there is no such configuration (or it was never written). */
    static Dictionary<String, Object> of(ConfigurationAdmin configurations, String pid) throws IOException {
        try {
            Configuration[] found = configurations.listConfigurations("(" + Constants.SERVICE_PID + "="
                    + escaped(pid) + ")");
            return found == null ? null : found[0].getProperties();
        } catch (InvalidSyntaxException cannotHappen) {
            throw new IllegalStateException("the filter for PID " + pid + " is malformed", cannotHappen);
        }
    }

    /** {@code properties} without {@link #OWN}. */
    static Hashtable<String, Object> written(Dictionary<String, Object> properties) {
        Hashtable<String, Object> written = new Hashtable<>();
        for (var keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!OWN.contains(key)) {
                written.put(key, properties.get(key));
            }
        }
        return written;
    }

    /** Escapes the characters an LDAP filter value may not hold as they are. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
