package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.Collection;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * A host without cluster configuration is standalone exactly as before issue 16: the cluster bundle is there, its
 * commands say the host stands alone, and its cluster component (the only code that touches ZooKeeper) never runs.
 * (ClusterHostsProcessTest checks on the exported jar, with the JVM's class-loading log, that no ZooKeeper class
 * loads.)
 */
public class ClusterStandaloneTest extends NicManagerTestSupport {

    private static final String CLUSTER_COMPONENT = "org.nicmanager.cluster.ClusterComponent";

    @Inject
    private ServiceComponentRuntime components;

    @Test
    public void aStandaloneHostRunsNoClusterComponentAndSaysItStandsAlone() throws Exception {
        Bundle cluster = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("kernel.cluster")).findFirst()
                .orElseThrow(() -> new AssertionError("kernel.cluster is not in the host"));
        assertEquals(Bundle.ACTIVE, cluster.getState());

        String status = shell("cluster:status --json");
        assertTrue(status, status.contains("\"mode\":\"standalone\""));
        assertTrue(shell("cluster:status"), shell("cluster:status").contains("no cluster is configured"));

        ComponentDescriptionDTO description = components.getComponentDescriptionDTO(cluster, CLUSTER_COMPONENT);
        assertNotNull("the cluster component is declared", description);
        Collection<ComponentConfigurationDTO> configurations = components.getComponentConfigurationDTOs(description);
        assertTrue("without configuration org.nicmanager.cluster the component waits for it and is never made",
                configurations.stream().allMatch(
                        dto -> dto.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION));
    }
}
