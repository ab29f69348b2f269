package org.vigil.console.store.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.ConsoleHome;
import org.vigil.console.ConsoleServices;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.StoreException;

/**
 * Starting on an object store that cannot be used says why in one line and starts nothing; the settings and
 * credentials are read strictly. Against a real S3-compatible server (S3Proxy).
 */
class S3ScreenshotStoreStartTest {
    @TempDir
    Path dir;

    @Test
    void aMissingBucketIsNamed() {
        S3ProxyServer server = S3ProxyServer.shared();
        String refusal = refusal(server.settings("no-such-bucket-here", "x"), S3ProxyServer.CREDENTIALS);
        assertTrue(refusal.startsWith("there is no bucket no-such-bucket-here in the object store s3://"
                + "no-such-bucket-here/x at " + server.endpoint()), refusal);
    }

    @Test
    void refusedCredentialsAreSaidWithoutTheSecret() {
        S3ProxyServer server = S3ProxyServer.shared();
        String refusal = refusal(server.settings(server.newBucket(), ""),
                new S3Credentials(S3ProxyServer.CREDENTIALS.accessKeyId(), "the-wrong-secret"));
        assertTrue(refusal.contains("refused the console's credentials"), refusal);
        assertFalse(refusal.contains("the-wrong-secret"), refusal);
    }

    @Test
    void anUnreachableEndpointIsSaid() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings settings = new S3Settings(new S3Location("vigil-shots", ""),
                Optional.of(URI.create("http://127.0.0.1:" + closedPort)), null, Optional.empty());
        String refusal = refusal(settings, S3ProxyServer.CREDENTIALS);
        assertTrue(refusal.startsWith("cannot reach the object store s3://vigil-shots at http://127.0.0.1:"
                + closedPort), refusal);
        assertTrue(refusal.contains("check --s3-endpoint"), refusal);
    }

    @Test
    void aConsoleWhoseStoreCannotBeUsedDoesNotStart() throws Exception {
        Path dataDir = dir.resolve("console");
        S3ProxyServer server = S3ProxyServer.shared();
        ScreenshotPlace.objectStore(server.settings("no-such-bucket-here", "")).record(dataDir);

        String noKey = assertThrows(IllegalStateException.class, () -> ConsoleServices.over(
                ConsoleHome.openOrCreate(dataDir), Clock.systemUTC())).getMessage();
        assertTrue(noKey.startsWith("no credentials for the object store"), noKey);

        Path credentials = dataDir.resolve(S3Environment.CREDENTIALS_FILE);
        Files.writeString(credentials, "access-key-id=" + S3ProxyServer.CREDENTIALS.accessKeyId()
                + "\nsecret-access-key=" + S3ProxyServer.CREDENTIALS.secretAccessKey() + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        String noBucket = assertThrows(IllegalStateException.class, () -> ConsoleServices.over(
                ConsoleHome.openOrCreate(dataDir), Clock.systemUTC())).getMessage();
        assertTrue(noBucket.startsWith("there is no bucket no-such-bucket-here"), noBucket);
    }

    /**
     * S3Proxy cannot encrypt at rest and says so (501) for the header: which shows the header is sent, and that a
     * store asked to encrypt never keeps the image unencrypted instead.
     */
    @Test
    void serverSideEncryptionIsAskedForAndAStoreThatCannotRefusesTheImage() {
        S3ProxyServer server = S3ProxyServer.shared();
        S3Settings plain = server.settings(server.newBucket(), "sse");
        S3Settings encrypted = new S3Settings(plain.location(), plain.endpoint(), null, Optional.of("AES256"));
        byte[] png = "encrypted at rest".getBytes(StandardCharsets.UTF_8);
        try (ScreenshotStore store = S3ScreenshotStore.open(encrypted, Optional.of(S3ProxyServer.CREDENTIALS));
             ScreenshotStore unencrypted = S3ScreenshotStore.open(plain, Optional.of(S3ProxyServer.CREDENTIALS))) {
            String refusal = assertThrows(StoreException.class, () -> store.put(png, "image/png")).getMessage();
            assertTrue(refusal.endsWith("HTTP 501 NotImplemented"), refusal);
            assertFalse(unencrypted.exists(Hashes.sha256Hex(png), "image/png"));

            String sha256 = unencrypted.put(png, "image/png").sha256();
            assertArrayEquals(png, unencrypted.get(sha256, "image/png").orElseThrow());
        }
    }

    @Test
    void theChoiceIsRecordedInTheDataDirectoryWithoutSecrets() throws Exception {
        Map<String, String> env = Map.of(S3Environment.SECRET_KEY_ENV, "never-written-down",
                S3Environment.ACCESS_KEY_ENV, "id");
        ScreenshotPlace place = ScreenshotPlace.fromOptions(Map.of("--screenshots", "s3://trust-shots/school-a/",
                "--s3-endpoint", "https://s3.trust.example:9000"), env).orElseThrow();

        place.record(dir);

        assertEquals(place, ScreenshotPlace.recorded(dir));
        assertEquals("s3://trust-shots/school-a", place.s3().orElseThrow().location().toString());
        String file = Files.readString(dir.resolve(ScreenshotPlace.FILE));
        assertFalse(file.contains("never-written-down"), file);
        assertEquals(ScreenshotPlace.files(), ScreenshotPlace.recorded(dir.resolve("elsewhere")), "files by default");
        assertEquals(Optional.empty(), ScreenshotPlace.fromOptions(Map.of(), Map.of()), "nothing said: as recorded");
        assertEquals(ScreenshotPlace.files(), ScreenshotPlace.fromOptions(Map.of("--screenshots", "files"),
                Map.of()).orElseThrow());
    }

    @Test
    void badSettingsAreRefusedWithWhatIsWrong() {
        assertRefused("--screenshots must be files", Map.of("--screenshots", "ftp://shots"));
        assertRefused("not an S3 bucket name: Bad_Bucket", Map.of("--screenshots", "s3://Bad_Bucket/x"));
        assertRefused("never in the address", Map.of("--screenshots", "s3://key:secret@shots/x"));
        assertRefused("--s3-endpoint must be", Map.of("--screenshots", "s3://shots", "--s3-endpoint", "shots:9000"));
        assertRefused("--s3-sse must be AES256 or aws:kms", Map.of("--screenshots", "s3://shots", "--s3-sse", "yes"));
        assertRefused("go with --screenshots", Map.of("--s3-endpoint", "http://127.0.0.1:9000"));
    }

    @Test
    void credentialsComeWholeFromTheEnvironmentOrAnOwnerOnlyFile() throws Exception {
        assertEquals(Optional.of(new S3Credentials("id", "secret")), S3Environment.credentials(dir,
                Map.of(S3Environment.ACCESS_KEY_ENV, "id", S3Environment.SECRET_KEY_ENV, "secret")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3Environment.credentials(dir,
                Map.of(S3Environment.ACCESS_KEY_ENV, "id"))).getMessage().contains("go together"));
        assertEquals(Optional.empty(), S3Environment.credentials(dir, Map.of()));

        Path file = dir.resolve(S3Environment.CREDENTIALS_FILE);
        Files.writeString(file, "access-key-id=file-id\nsecret-access-key=file-secret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String loose = assertThrows(IllegalArgumentException.class, () -> S3Environment.credentials(dir, Map.of()))
                .getMessage();
        assertTrue(loose.contains("readable by other accounts"), loose);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        S3Credentials fromFile = S3Environment.credentials(dir, Map.of()).orElseThrow();
        assertEquals(new S3Credentials("file-id", "file-secret"), fromFile);
        assertFalse(fromFile.toString().contains("file-secret"), fromFile.toString());
    }

    private static void assertRefused(String why, Map<String, String> options) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> ScreenshotPlace.fromOptions(options, Map.of())).getMessage();
        assertTrue(message.contains(why), message);
    }

    /** The one line opening the store ends with. */
    private static String refusal(S3Settings settings, S3Credentials credentials) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> S3ScreenshotStore.open(settings, Optional.of(credentials)));
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        return refused.getMessage();
    }
}
