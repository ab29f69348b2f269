package org.vigil.console.store.objectstore;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The object store's access key: {@code VIGIL_S3_ACCESS_KEY_ID} and {@code VIGIL_S3_SECRET_ACCESS_KEY}, else the
 * file {@code VIGIL_S3_CREDENTIALS_FILE} names, else {@code s3-credentials.properties} in the data directory
 * ({@code access-key-id=…}, {@code secret-access-key=…}). A file must be readable by its owner alone. With none of
 * these, the SDK's usual chain applies (an instance role on Amazon's own machines).
 */
public final class S3Environment {
    public static final String ACCESS_KEY_ENV = "VIGIL_S3_ACCESS_KEY_ID";
    public static final String SECRET_KEY_ENV = "VIGIL_S3_SECRET_ACCESS_KEY";
    public static final String CREDENTIALS_FILE_ENV = "VIGIL_S3_CREDENTIALS_FILE";
    public static final String CREDENTIALS_FILE = "s3-credentials.properties";

    private S3Environment() {
    }

    /**
     * @throws IllegalArgumentException if only half a key is given, or the file is unreadable, incomplete or
     *                                  readable by other accounts
     */
    public static Optional<S3Credentials> credentials(Path dataDir, Map<String, String> env) {
        String id = blankToNull(env.get(ACCESS_KEY_ENV));
        String secret = blankToNull(env.get(SECRET_KEY_ENV));
        if (id != null || secret != null) {
            if (id == null || secret == null) {
                throw new IllegalArgumentException(ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV + " go together: set"
                        + " both");
            }
            return Optional.of(new S3Credentials(id, secret));
        }
        String named = blankToNull(env.get(CREDENTIALS_FILE_ENV));
        if (named != null) {
            return Optional.of(fromFile(Path.of(named)));
        }
        Path inDataDir = dataDir.resolve(CREDENTIALS_FILE);
        return Files.exists(inDataDir) ? Optional.of(fromFile(inDataDir)) : Optional.empty();
    }

    private static S3Credentials fromFile(Path file) {
        ownerOnly(file);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the S3 credentials file " + file.toAbsolutePath() + " ("
                    + e.getMessage() + ")");
        }
        String id = blankToNull(properties.getProperty("access-key-id"));
        String secret = blankToNull(properties.getProperty("secret-access-key"));
        if (id == null || secret == null) {
            throw new IllegalArgumentException("the S3 credentials file " + file.toAbsolutePath() + " needs both"
                    + " access-key-id=… and secret-access-key=…");
        }
        return new S3Credentials(id, secret);
    }

    private static void ownerOnly(Path file) {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // Windows: the data directory's ACL protects it
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.stream().anyMatch(permission -> permission.name().startsWith("GROUP")
                    || permission.name().startsWith("OTHERS"))) {
                throw new IllegalArgumentException("the S3 credentials file " + file.toAbsolutePath() + " is"
                        + " readable by other accounts: make it owner-only (chmod 600) and start again");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the S3 credentials file " + file.toAbsolutePath() + " ("
                    + e.getMessage() + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
