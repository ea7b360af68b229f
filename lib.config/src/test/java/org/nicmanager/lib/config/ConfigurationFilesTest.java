package org.nicmanager.lib.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

class ConfigurationFilesTest {

    private static final String FILE = "file:/srv/host/conf/org.nicmanager.bond-bond0.cfg";

    /** Test double: a Configuration that holds what {@code update} gave it; nothing else is used. */
    private static final class StoredConfiguration {
        Dictionary<String, Object> properties;

        @SuppressWarnings("unchecked")
        Configuration asConfiguration() {
            return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperties" -> properties == null ? null : new Hashtable<>(
                                (Hashtable<String, Object>) properties);
                        case "update" -> {
                            properties = (Dictionary<String, Object>) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static Dictionary<String, Object> properties(Object... keysAndValues) {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void aConfigurationFromAFileKeepsItsMarkThroughAWriteThatDoesNotKnowIt() throws Exception {
        StoredConfiguration stored = new StoredConfiguration();
        stored.properties = properties("name", "bond0", "policy", "failover-order", ConfigurationFiles.FILE_MARK, FILE);

        ConfigurationFiles.update(stored.asConfiguration(), properties("name", "bond0", "policy", "hash-l2"));

        assertEquals("hash-l2", stored.properties.get("policy"));
        assertEquals(FILE, stored.properties.get(ConfigurationFiles.FILE_MARK));
        assertTrue(ConfigurationFiles.fromFile(stored.properties));
    }

    @Test
    void aConfigurationNotFromAFileGainsNoMark() throws Exception {
        StoredConfiguration created = new StoredConfiguration();
        ConfigurationFiles.update(created.asConfiguration(), properties("name", "web1"));
        assertNull(created.properties.get(ConfigurationFiles.FILE_MARK));

        StoredConfiguration commanded = new StoredConfiguration();
        commanded.properties = properties("name", "web1", "priority", 5);
        ConfigurationFiles.update(commanded.asConfiguration(), properties("name", "web1", "priority", 8));
        assertEquals(8, commanded.properties.get("priority"));
        assertFalse(ConfigurationFiles.fromFile(commanded.properties));
        assertFalse(ConfigurationFiles.fromFile(null), "a configuration never written came from no file");
    }
}
