package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * What the running host's bundles export and import of ours (issue 14 point 1): only kernel.api and sim.api export,
 * each package with a release version, and the shared libraries are private copies that no bundle exports or imports.
 */
public class ApiBoundaryTest extends NicManagerTestSupport {

    private static final String OURS = "org.nicmanager.";
    private static final String LIBRARIES = "org.nicmanager.lib.";
    private static final String PACKAGE = PackageNamespace.PACKAGE_NAMESPACE;

    @Test
    public void onlyTheKernelApiAndTheSimulationContractExportPackagesOfOurs() {
        Map<String, String> exporters = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            for (BundleCapability export : revision(bundle).getDeclaredCapabilities(PACKAGE)) {
                String name = (String) export.getAttributes().get(PACKAGE);
                if (name.startsWith(OURS)) {
                    exporters.put(name, bundle.getSymbolicName());
                    Version version = (Version) export.getAttributes()
                            .get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                    assertTrue(name + " is exported without a release version: " + version, version.getMajor() >= 1);
                }
            }
        }
        exporters.forEach((name, bundle) -> assertTrue(name + " is exported by " + bundle,
                bundle.equals("kernel.api") && name.startsWith(OURS + "kernel.api.")
                        || bundle.equals("sim.api") && name.equals(OURS + "sim.api")));
        assertEquals("sim.api", exporters.get(OURS + "sim.api"));
        assertEquals("kernel.api", exporters.get(OURS + "kernel.api.frame"));
    }

    @Test
    public void noBundleImportsALibrary() {
        for (Bundle bundle : context.getBundles()) {
            for (BundleRequirement requirement : revision(bundle).getDeclaredRequirements(PACKAGE)) {
                String filter = requirement.getDirectives().getOrDefault("filter", "");
                assertTrue(bundle.getSymbolicName() + " imports a private library: " + filter,
                        !filter.contains(LIBRARIES));
            }
        }
    }

    @Test
    public void eachBundleThatRunsLacpHasItsOwnCopyOfTheMachines() throws ClassNotFoundException {
        Class<?> bonds = bundle("kernel.nicmanager").loadClass(LIBRARIES + "lacp.LacpPort");
        Class<?> switches = bundle("sim.network").loadClass(LIBRARIES + "lacp.LacpPort");
        assertNotSame("one LacpPort class shared by two bundles: the library is exported", bonds, switches);
    }

    private static BundleRevision revision(Bundle bundle) {
        return bundle.adapt(BundleRevision.class);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
