package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture's file is created new, never through a link, and never by opening something that could block: an existing
 * entry is refused unless replaced on purpose, and a FIFO is refused even then (issue 13).
 */
class CaptureFileTest {

    private static final byte[] PRECIOUS = "do not touch".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path folder;

    @Test
    void aNewFileIsCreated() throws IOException {
        Path file = folder.resolve("new.pcap");
        CaptureFile created = CaptureFile.createNew(file.toString(), false);
        created.discard();
        assertFalse(Files.exists(file), "discarded");
    }

    @Test
    void anExistingFileIsRefusedWithoutForceAndReplacedWithIt() throws IOException {
        Path file = Files.write(folder.resolve("old.pcap"), PRECIOUS);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CaptureFile.createNew(file.toString(), false));
        assertEquals("capture file '" + file + "' exists (a file); give --force to replace it", refused.getMessage());
        assertArrayEquals(PRECIOUS, Files.readAllBytes(file), "unchanged");

        CaptureFile replaced = CaptureFile.createNew(file.toString(), true);
        replaced.channel().close();
        assertEquals(0, Files.size(file), "a new, empty file");
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws IOException {
        Path target = Files.write(folder.resolve("target"), PRECIOUS);
        Path link = Files.createSymbolicLink(folder.resolve("link.pcap"), target);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CaptureFile.createNew(link.toString(), false));
        assertEquals("capture file '" + link + "' exists (a symbolic link); give --force to replace it (the link,"
                + " never its target)", refused.getMessage());
        assertArrayEquals(PRECIOUS, Files.readAllBytes(target), "the target untouched");

        CaptureFile replaced = CaptureFile.createNew(link.toString(), true);
        replaced.channel().close();
        assertFalse(Files.isSymbolicLink(link), "the link itself was replaced by a regular file");
        assertTrue(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals(PRECIOUS, Files.readAllBytes(target), "the target still untouched");
    }

    @Test
    void aDanglingLinkIsNotCreatedThrough() throws IOException {
        Path absent = folder.resolve("elsewhere");
        Path link = Files.createSymbolicLink(folder.resolve("dangling.pcap"), absent);
        assertThrows(IllegalArgumentException.class, () -> CaptureFile.createNew(link.toString(), false));
        assertFalse(Files.exists(absent, LinkOption.NOFOLLOW_LINKS), "nothing created at the link's target");
    }

    @Test
    void aFifoIsRefusedEvenWithForceAndNeverOpened() throws Exception {
        Path fifo = folder.resolve("live.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo " + fifo);
        for (boolean force : new boolean[] {false, true}) {
            // Opening the FIFO for writing would block until a reader came: the refusal proves it was not opened.
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> CaptureFile.createNew(fifo.toString(), force));
            assertEquals("capture file '" + fifo + "' exists and is a FIFO, socket or device; a capture writes a new"
                    + " regular file only", refused.getMessage());
        }
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "the FIFO is left alone");
    }

    @Test
    void aMissingFolderIsNamed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CaptureFile.createNew("/no/such/dir/x.pcap", false));
        assertEquals("cannot write capture file '/no/such/dir/x.pcap': its folder does not exist",
                refused.getMessage());
    }
}
