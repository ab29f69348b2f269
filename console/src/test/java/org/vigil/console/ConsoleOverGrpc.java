package org.vigil.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real console on a fresh data dir for one test class, and a gRPC client that trusts its CA, for tests of what
 * devices send: {@code @RegisterExtension static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();}
 */
final class ConsoleOverGrpc implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private Console console;
    private GrpcTestClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("vigil-ingest-test");
        console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
        client = new GrpcTestClient(console);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        console.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(ConsoleOverGrpc::delete);
        }
    }

    Console console() {
        return console;
    }

    GrpcTestClient client() {
        return client;
    }

    Path dataDir() {
        return dataDir;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
