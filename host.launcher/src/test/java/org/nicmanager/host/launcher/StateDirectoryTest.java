package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path folder;

    @Test
    void aFolderOthersCanWriteIsRefusedAndANewOneIsTheOwnersAlone() throws Exception {
        Path shared = Files.createDirectory(folder.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        String refusal = assertThrows(IllegalArgumentException.class,
                () -> new StateDirectory(shared, null, null)).getMessage();
        assertEquals("bad --state '" + shared + "': group or others can write it (rwxrwxrwx), so another user could"
                + " plant configuration there; allowed: a directory only its owner writes (chmod go-w '" + shared
                + "')", refusal);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThrows(IllegalArgumentException.class, () -> new StateDirectory(shared, null, null),
                "group-writable is refused too");

        Path made = folder.resolve("new/state");
        new StateDirectory(made, null, null);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    }

    @Test
    void theSshConsolesConfigurationIsTheCommandLinesNotKept() {
        assertFalse(StateDirectory.kept(SshSettings.PID));
    }
}
