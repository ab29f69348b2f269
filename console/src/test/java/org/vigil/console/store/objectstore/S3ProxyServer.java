package org.vigil.console.store.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * S3Proxy, a real S3-compatible server over a directory, in a JVM of its own (its Jetty 11 cannot share our test
 * classpath with Javalin's Jetty 12); the build copies its self-contained jar to {@code target/s3proxy}. One server
 * is shared by every test in the JVM (it takes seconds to start); each test makes its own bucket. A test that
 * kills the server ({@link #startPrivate}) gets one of its own.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final S3Credentials CREDENTIALS = new S3Credentials("vigil-test-key", "vigil-test-secret-0123456789");
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static S3ProxyServer shared;

    private final Path root;
    private final int port;
    private Process process;

    private S3ProxyServer(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** The JVM's shared server, started on first use and stopped when the JVM exits. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                shared = startPrivate(Files.createTempDirectory("vigil-s3proxy"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            S3ProxyServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
        }
        return shared;
    }

    /** A server of this test's own over {@code root}, on a free port. */
    public static S3ProxyServer startPrivate(Path root) {
        S3ProxyServer server = new S3ProxyServer(root, freePort());
        server.start();
        return server;
    }

    /** Starts (again, after {@link #kill}) on the same port and directory: the buckets and objects are still there. */
    public void start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the console build copies S3Proxy"
                    + " there (maven-dependency-plugin, phase generate-test-resources); run the tests with Maven");
        }
        try {
            Path data = Files.createDirectories(root.resolve("data"));
            Path properties = root.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + CREDENTIALS.accessKeyId(),
                    "s3proxy.credential=" + CREDENTIALS.secretAccessKey(),
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath(), ""));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                    JAR.toAbsolutePath().toString(), "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("s3proxy.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!accepts()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("S3Proxy did not start (see " + root.resolve("s3proxy.log") + ")");
            }
            sleep(100);
        }
    }

    /** Kills the server at once (SIGKILL), as a crash or a pulled cable would end it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Makes a new, empty bucket (a directory: the filesystem backend's buckets are the folders under its root). */
    public String newBucket() {
        String bucket = "vigil-" + UUID.randomUUID().toString().substring(0, 13);
        try {
            Files.createDirectories(root.resolve("data").resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bucket;
    }

    /** The file the server keeps an object in: for tests that alter or remove an object behind the store's back. */
    public Path objectFile(String bucket, String key) {
        return root.resolve("data").resolve(bucket).resolve(key);
    }

    /** Settings for the store over a bucket of this server. */
    public S3Settings settings(String bucket, String prefix) {
        return new S3Settings(new S3Location(bucket, prefix), Optional.of(endpoint()), null, Optional.empty());
    }

    @Override
    public void close() {
        if (process != null) {
            kill();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
