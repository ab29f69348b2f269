package org.vigil.console.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Owner-only directories and files, where the file system has POSIX permissions. */
public final class DataDirs {
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirs() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (and parents) if missing; a directory it creates is owner-only. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivateDirectories(parent);
        }
        try {
            if (posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // made by someone else meanwhile
        }
        return dir;
    }

    /**
     * Takes group and other access away from each existing path (a directory keeps its owner's rwx, a file its
     * owner's rw), where the file system has POSIX permissions: a data dir copied with {@code cp -r}, or a database
     * made under a loose umask, must not leave pupils' records readable by other accounts on the server.
     *
     * @return the paths whose permissions were repaired, for the log
     * @throws IOException if a path's permissions cannot be changed (another owner, say)
     */
    public static List<Path> makePrivate(List<Path> paths) throws IOException {
        List<Path> repaired = new ArrayList<>();
        if (!posix()) {
            return repaired;
        }
        for (Path path : paths) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(path,
                    LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> wanted = Files.isDirectory(path) ? OWNER_DIR : OWNER_FILE;
            Set<PosixFilePermission> kept = EnumSet.noneOf(PosixFilePermission.class);
            kept.addAll(current);
            kept.retainAll(wanted);
            if (!kept.equals(current)) {
                Files.setPosixFilePermissions(path, kept);
                repaired.add(path);
            }
        }
        return repaired;
    }

    /** Writes a file readable and writable by its owner only, replacing any old one. */
    public static void writePrivateFile(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(file);
        }
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
