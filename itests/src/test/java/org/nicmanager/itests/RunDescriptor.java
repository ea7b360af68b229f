package org.nicmanager.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Processor;

/**
 * The host's run descriptor, {@code run/nicmgr.bndrun}, read with bndlib: its resolved bundles with their start levels,
 * its framework properties, and the bundle jars the build exported from it. The tests provision exactly these, so
 * what is tested is what {@code nicmgr.jar} runs. Used on the test runner's side only, never inside the framework.
 */
final class RunDescriptor {

    static final File WORKSPACE = new File(System.getProperty("nicmgr.workspace", ".."));
    static final File BNDRUN = new File(WORKSPACE, "run/nicmgr.bndrun");
    static final File EXPORTED_BUNDLES = new File(WORKSPACE, "run/target/export/nicmgr");

    private RunDescriptor() {
    }

    /** Symbolic name to start level, from {@code -runbundles}. */
    static Map<String, Integer> runBundles() {
        try (Processor descriptor = load()) {
            Map<String, Integer> levels = new LinkedHashMap<>();
            Parameters bundles = new Parameters(descriptor.getProperty("-runbundles"), descriptor);
            for (Map.Entry<String, Attrs> bundle : bundles.entrySet()) {
                String level = bundle.getValue().get("startlevel");
                levels.put(Processor.removeDuplicateMarker(bundle.getKey()),
                        level == null ? 1 : Integer.parseInt(level));
            }
            return levels;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Framework properties from {@code -runproperties} (with the shared cnf/run.bnd included). */
    static Map<String, String> runProperties() {
        try (Processor descriptor = load()) {
            return new LinkedHashMap<>(OSGiHeader.parseProperties(descriptor.getProperty("-runproperties"),
                    descriptor));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The exported bundle jars by symbolic name. */
    static Map<String, File> exportedJars() {
        File[] jars = EXPORTED_BUNDLES.listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no bundles in " + EXPORTED_BUNDLES + "; build the run module first");
        }
        Map<String, File> bySymbolicName = new LinkedHashMap<>();
        for (File jar : jars) {
            bySymbolicName.put(symbolicName(jar), jar);
        }
        return bySymbolicName;
    }

    static boolean isFragment(File jar) {
        return mainAttribute(jar, "Fragment-Host") != null;
    }

    private static String symbolicName(File jar) {
        String name = mainAttribute(jar, "Bundle-SymbolicName");
        return name.split(";")[0].trim();
    }

    private static String mainAttribute(File jar, String header) {
        try (JarFile file = new JarFile(jar)) {
            return file.getManifest().getMainAttributes().getValue(header);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Processor load() throws IOException {
        Processor descriptor = new Processor();
        descriptor.setBase(BNDRUN.getParentFile());
        descriptor.setProperties(BNDRUN);
        return descriptor;
    }
}
