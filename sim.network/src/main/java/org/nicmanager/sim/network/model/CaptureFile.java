package org.nicmanager.sim.network.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A capture's output file, created new by the command's thread, never by the network world's: opening a path can block
 * (a FIFO waits for a reader, a network file system for its server), and the world must never wait. The file is
 * created with {@code O_CREAT|O_EXCL} and without following links, so a planted symbolic link or FIFO can neither
 * redirect nor stall the write. An existing entry is refused unless the operator asks to replace it; then a regular
 * file or a link (the link itself, not its target) is removed first, and anything else is still refused.
 */
public final class CaptureFile {

    private final Path path;
    private final FileChannel channel;

    private CaptureFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Creates {@code file} for writing.
     *
     * @param replace whether an existing regular file or symbolic link may be replaced ({@code --force})
     * @throws IllegalArgumentException naming the file and why it cannot be written
     */
    public static CaptureFile createNew(String file, boolean replace) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("no capture file given; expected a path such as /tmp/port.pcap");
        }
        Path path;
        try {
            path = Paths.get(file);
        } catch (InvalidPathException bad) {
            throw new IllegalArgumentException("bad capture file '" + file + "': " + bad.getReason());
        }
        try {
            removeIfAllowed(path, file, replace);
            return new CaptureFile(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        } catch (FileAlreadyExistsException raced) {
            throw new IllegalArgumentException("capture file '" + file + "' appeared while it was being created;"
                    + " nothing was written");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write capture file '" + file + "': " + describe(e));
        }
    }

    private static void removeIfAllowed(Path path, String file, boolean replace) throws IOException {
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return;
        }
        String kind = existing.isSymbolicLink() ? "a symbolic link" : existing.isRegularFile() ? "a file"
                : existing.isDirectory() ? "a folder" : "a FIFO, socket or device";
        if (!existing.isSymbolicLink() && !existing.isRegularFile()) {
            throw new IllegalArgumentException("capture file '" + file + "' exists and is " + kind
                    + "; a capture writes a new regular file only");
        }
        if (!replace) {
            throw new IllegalArgumentException("capture file '" + file + "' exists (" + kind
                    + "); give --force to replace it" + (existing.isSymbolicLink() ? " (the link, never its target)"
                            : ""));
        }
        Files.delete(path); // a link is removed itself; its target is never opened
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "its folder does not exist"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /** Closes and removes a file that no capture will use (the world refused the capture). */
    public void discard() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot remove unused capture file '" + path + "': " + describe(e));
        }
    }
}
