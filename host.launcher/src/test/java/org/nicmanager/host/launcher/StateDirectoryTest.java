package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which configurations --state keeps, and the files they go to. */
class StateDirectoryTest {

    @Test
    void keepsTheNicManagersConfigurationsButNotTheKernels() {
        assertTrue(StateDirectory.kept("org.nicmanager.bond~bond0"));
        assertTrue(StateDirectory.kept("org.nicmanager.resource"));
        assertFalse(StateDirectory.kept(HostLauncher.KERNEL_PID), "the command line decides clock and seed");
        assertFalse(StateDirectory.kept("org.apache.felix.http"));
    }

    @Test
    void everyPidMakesOnePlainFileNameAndComesBack() {
        assertEquals("org.nicmanager.bond~bond0.config", StateDirectory.fileName("org.nicmanager.bond~bond0"));
        for (String pid : new String[] {"org.nicmanager.vm~web 1", "org.nicmanager.vm~a/b", "org.nicmanager.vm~%7E",
            "org.nicmanager.vm~..", "org.nicmanager.vm~ünï"}) {
            String file = StateDirectory.fileName(pid);
            assertFalse(file.contains("/") || file.contains(" "), file);
            assertEquals(pid, StateDirectory.pidOf(file));
        }
    }
}
