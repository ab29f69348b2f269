package org.vigil.agent.enrolment;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.delivery.DeviceCredentials;

/**
 * {@code <data dir>/device.properties}: the device id and secret the console gave at enrolment. Written once,
 * through a temp file and an atomic move, readable by its owner only (POSIX 0600; on Windows the per-user
 * data dir under %LOCALAPPDATA% is private to the user already).
 */
public final class CredentialStore {
    public static final String FILE_NAME = "device.properties";
    static final String DEVICE_ID = "device.id";
    static final String DEVICE_SECRET = "device.secret";

    private final Path dataDir;

    public CredentialStore(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }

    public Optional<DeviceCredentials> load() throws ConfigException {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read the device credentials in " + file + ": " + e.getMessage(), e);
        }
        String id = props.getProperty(DEVICE_ID, "").strip();
        String secret = props.getProperty(DEVICE_SECRET, "").strip();
        if (id.isEmpty() || secret.isEmpty()) {
            throw new ConfigException(file + " is damaged (no " + (id.isEmpty() ? DEVICE_ID : DEVICE_SECRET)
                    + "); delete it to enrol this device again");
        }
        return Optional.of(new DeviceCredentials(id, secret));
    }

    public void save(DeviceCredentials credentials, String consoleAddress, Instant enrolledAt) throws IOException {
        Files.createDirectories(dataDir, ownerOnly(PosixFilePermissions.fromString("rwx------")));
        Properties props = new Properties();
        props.setProperty(DEVICE_ID, credentials.deviceId());
        props.setProperty(DEVICE_SECRET, credentials.deviceSecret());
        props.setProperty("console.address", consoleAddress);
        props.setProperty("enrolled.at", enrolledAt.toString());
        Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                ownerOnly(PosixFilePermissions.fromString("rw-------")));
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                props.store(out, "Vigil device credentials: keep private; delete to enrol again");
            }
            try {
                Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        return new FileAttribute<?>[0];
    }
}
