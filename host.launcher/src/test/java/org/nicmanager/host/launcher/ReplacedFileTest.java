package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State and conf/ files are replaced without writing through a link someone planted. */
class ReplacedFileTest {

    @TempDir
    Path folder;

    @Test
    void aLinkPlantedAtThePartialNameIsNotFollowed() throws Exception {
        Path victim = Files.writeString(folder.resolve("victim"), "precious\n");
        Path file = folder.resolve("org.nicmanager.bond~bond0.config");
        // Where the earlier versions wrote before moving: a fixed name, which another user could plant a link at.
        Files.createSymbolicLink(folder.resolve(file.getFileName() + ReplacedFile.TEMPORARY_SUFFIX), victim);

        ReplacedFile.write(file, out -> out.write("name=\"bond0\"\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("precious\n", Files.readString(victim), "the link's target was written");
        assertEquals("name=\"bond0\"\n", Files.readString(file));
        assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
        try (var left = Files.list(folder)) {
            assertEquals(List.of("org.nicmanager.bond~bond0.config", "org.nicmanager.bond~bond0.config.partial",
                    "victim"), left.map(path -> path.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aLinkAtTheFilesOwnNameIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(folder.resolve("victim"), "precious\n");
        Path file = Files.createSymbolicLink(folder.resolve("org.nicmanager.vm~web.config"), victim);

        ReplacedFile.write(file, out -> out.write('x'));

        assertEquals("precious\n", Files.readString(victim));
        assertEquals("x", Files.readString(file));
        assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theReplacedFileKeepsItsPermissionsAndANewOneIsTheOwnersAlone() throws Exception {
        Path kept = Files.writeString(folder.resolve("a.cfg"), "old\n");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r--r--"));
        ReplacedFile.write(kept, out -> out.write('n'));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));

        Path fresh = folder.resolve("b.config");
        ReplacedFile.write(fresh, out -> out.write('n'));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }
}
