package org.vigil.agent.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Makes the data dir 0700 and the agent's own files in it 0600 (its folders 0700): the device secret and the
 * spool's hits are the agent's alone, also when an older agent or an installer left them open. Only the agent's
 * own names are touched, so a data dir pointed at a folder holding other things does not have them changed. Where
 * POSIX modes do not exist (Windows) the folder's ACL does this job and nothing changes here.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Names the agent writes in its data dir: credentials (and replaced ones), spool and its WAL, policy, hook. */
    private static final List<String> OWN = List.of("device.properties", "spool.db", "policy.bundle", "native");

    private OwnerOnly() {
    }

    /** @throws IOException naming the path that cannot be made owner-only */
    static void apply(Path dataDir) throws IOException {
        if (Files.getFileAttributeView(dataDir, PosixFileAttributeView.class) == null) {
            return;
        }
        restrict(dataDir, DIR);
        List<Path> entries;
        try (Stream<Path> list = Files.list(dataDir)) {
            entries = list.filter(entry -> OWN.stream().anyMatch(entry.getFileName().toString()::startsWith))
                    .toList();
        }
        for (Path entry : entries) {
            if (Files.isSymbolicLink(entry)) {
                continue;
            }
            restrict(entry, Files.isDirectory(entry) ? DIR : FILE);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!Files.getPosixFilePermissions(path).equals(wanted)) {
            try {
                Files.setPosixFilePermissions(path, wanted);
            } catch (IOException e) {
                throw new IOException("cannot make " + path + " readable by the agent alone (" + e + ")", e);
            }
        }
    }
}
