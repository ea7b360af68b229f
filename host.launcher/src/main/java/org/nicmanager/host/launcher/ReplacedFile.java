package org.nicmanager.host.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a file's content in one step: the new text is written to a new temporary file in the same folder, then
 * moved over the file, so a reader (FileInstall, the next start) sees the old text or the new, never half of one.
 *
 * <p>The temporary file is created new, with a name nobody can guess, and opened without following links: a link
 * planted in the folder under the name a fixed {@code NAME.partial} would have had redirected the write onto another
 * file. The move replaces a link at the file's own name rather than writing through it. The replaced file's
 * permissions are kept; a new one is readable by its owner alone.
 */
final class ReplacedFile {

    /** Not a {@code .cfg} or {@code .config} name: FileInstall never applies a file still being written. */
    static final String TEMPORARY_SUFFIX = ".partial";

    private ReplacedFile() {
    }

    /** Gives the file {@code content}, whether it existed or not. */
    static void write(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", TEMPORARY_SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(out);
            }
            keepPermissions(file, temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary); // left only when the write or the move failed
        }
    }

    /** The bytes to write. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void keepPermissions(Path file, Path temporary) throws IOException {
        PosixFileAttributeView replaced = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (replaced != null && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(temporary, replaced.readAttributes().permissions());
        }
    }
}
