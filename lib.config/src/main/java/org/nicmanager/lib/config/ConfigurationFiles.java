package org.nicmanager.lib.config;

import java.io.IOException;
import java.util.Dictionary;

import org.osgi.service.cm.Configuration;

/**
 * Replaces a configuration's properties and keeps the mark of the {@code conf/} file it came from.
 *
 * <p>FileInstall marks each configuration it makes from a file with {@link #FILE_MARK}, and writes a change back into
 * that file only while the mark is there. A command that wrote its properties without the mark would cut the tie: the
 * file would keep the old values and bring them back at the next start, undoing the command without a word.
 */
public final class ConfigurationFiles {

    /** FileInstall's property naming the file a configuration came from (a {@code file:} URI). */
    public static final String FILE_MARK = "felix.fileinstall.filename";

    private ConfigurationFiles() {
    }

    /** {@link Configuration#update(Dictionary)}, carrying the stored file mark (if any) into {@code properties}. */
    public static void update(Configuration configuration, Dictionary<String, Object> properties) throws IOException {
        Object file = fileOf(configuration.getProperties());
        if (file != null) {
            properties.put(FILE_MARK, file);
        }
        configuration.update(properties);
    }

    /** Whether these properties came from a {@code conf/} file; false for null (a configuration not yet written). */
    public static boolean fromFile(Dictionary<String, ?> properties) {
        return fileOf(properties) != null;
    }

    private static Object fileOf(Dictionary<String, ?> properties) {
        return properties == null ? null : properties.get(FILE_MARK);
    }
}
