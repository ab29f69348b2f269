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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.proto.CertificateFingerprint;

/**
 * {@code <data dir>/device.properties}: the device id and secret the console gave at enrolment, and the fingerprint
 * of that console's CA. Written through a temp file and an atomic move, readable by its owner only (POSIX 0600; on
 * Windows the per-user data dir under %LOCALAPPDATA% is private to the user already).
 *
 * <p>When the device enrols again, the identity it replaces is kept beside it as
 * {@code device.properties.replaced-<time>} without its secret: the old id is what IT needs to follow the device,
 * and the secret would only let whoever reads the file speak as the device to a console that still knows it.
 */
public final class CredentialStore {
    public static final String FILE_NAME = "device.properties";
    static final String DEVICE_ID = "device.id";
    static final String DEVICE_SECRET = "device.secret";
    static final String CONSOLE_CA = "console.ca.sha256";
    static final String REPLACES = "replaces.device.id";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dataDir;

    public CredentialStore(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }

    public Optional<StoredIdentity> load() throws ConfigException {
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
        String ca = props.getProperty(CONSOLE_CA, "").strip();
        Optional<CertificateFingerprint> consoleCa;
        try {
            consoleCa = ca.isEmpty() ? Optional.empty() : Optional.of(CertificateFingerprint.parse(ca));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + " is damaged (" + CONSOLE_CA + ": " + e.getMessage()
                    + "); delete it to enrol this device again");
        }
        String replaces = props.getProperty(REPLACES, "").strip();
        return Optional.of(new StoredIdentity(new DeviceCredentials(id, secret), consoleCa,
                replaces.isEmpty() ? Optional.empty() : Optional.of(replaces)));
    }

    /** Stores a new identity; the one it replaces, if any, is kept beside it without its secret. */
    public void save(StoredIdentity identity, String consoleAddress, Instant enrolledAt,
                     Optional<StoredIdentity> replaced) throws IOException {
        Files.createDirectories(dataDir, ownerOnly(PosixFilePermissions.fromString("rwx------")));
        Properties props = new Properties();
        props.setProperty(DEVICE_ID, identity.deviceId());
        props.setProperty(DEVICE_SECRET, identity.credentials().deviceSecret());
        identity.consoleCa().ifPresent(ca -> props.setProperty(CONSOLE_CA, ca.toString()));
        identity.replaces().ifPresent(id -> props.setProperty(REPLACES, id));
        props.setProperty("console.address", consoleAddress);
        props.setProperty("enrolled.at", enrolledAt.toString());
        if (replaced.isPresent()) {
            Properties old = new Properties();
            old.setProperty(DEVICE_ID, replaced.get().deviceId());
            replaced.get().consoleCa().ifPresent(ca -> old.setProperty(CONSOLE_CA, ca.toString()));
            old.setProperty("replaced.at", enrolledAt.toString());
            old.setProperty("replaced.by", identity.deviceId());
            write(old, dataDir.resolve(FILE_NAME + ".replaced-" + STAMP.format(enrolledAt)),
                    "Vigil: an identity this device had before it enrolled again (no secret kept)");
        }
        write(props, file(), "Vigil device credentials: keep private; delete to enrol again");
    }

    private void write(Properties props, Path target, String comment) throws IOException {
        Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                ownerOnly(PosixFilePermissions.fromString("rw-------")));
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                props.store(out, comment);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
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
