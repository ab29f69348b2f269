package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data dir whose database and keys became readable by others (a copy, a loose umask) is made owner-only again. */
class DataDirPermissionsTest {
    @TempDir
    Path parent;

    @Test
    void looseDatabaseAndKeysAreMadeOwnerOnlyWhenTheConsoleOpens() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path dataDir = parent.resolve("vigil-data");
        ConsoleHome.openOrCreate(dataDir).close();
        assertEquals("rwx------", permissions(dataDir), "a new data dir is owner-only");
        assertEquals("rw-------", permissions(dataDir.resolve("vigil.db")), "so is a new database");

        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("vigil.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dataDir.resolve("tls").resolve("ca.key"),
                PosixFilePermissions.fromString("rw-rw-r--"));

        ConsoleHome.open(dataDir).close();

        assertEquals("rwx------", permissions(dataDir));
        assertEquals("rw-------", permissions(dataDir.resolve("vigil.db")));
        assertEquals("rw-------", permissions(dataDir.resolve("tls").resolve("ca.key")));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
