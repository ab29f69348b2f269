package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.AdminBootstrap;
import org.vigil.console.store.Database;
import org.vigil.console.tls.Pem;
import org.vigil.proto.CertificateFingerprint;

class ConsoleStartTest {
    @TempDir
    Path dataDir;

    @Test
    void firstStartCreatesCaServerCertificateAndAdminAndSecondStartReusesThem() throws Exception {
        CertificateFingerprint first;
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp())) {
            first = console.caFingerprint();
            assertTrue(console.caCreatedNow());
            assertTrue(console.createdNow(), "serve makes a console where there is none, and says so");
            AdminBootstrap.CreatedAdmin admin = console.createdAdmin().orElseThrow();
            assertEquals("admin", admin.username());
            assertTrue(admin.generatedPassword().orElseThrow().length() >= 16);
            for (String file : new String[] {"ca.pem", "ca.key", "server.pem", "server.key"}) {
                assertTrue(Files.exists(dataDir.resolve("tls").resolve(file)), file);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("tls/ca.key"))));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("tls/server.key"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
            assertEquals(first, CertificateFingerprint.of(
                    Pem.parseCertificate(Files.readString(dataDir.resolve("tls/ca.pem")))));
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM users WHERE username = 'admin' AND role = 'IT_ADMIN'"));
            assertEquals(
                    "http=" + console.httpPort() + "\ngrpc=" + console.grpcPort() + "\n",
                    Files.readString(dataDir.resolve("console.ports")));
        }
        try (Console again = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp())) {
            assertEquals(first, again.caFingerprint());
            assertFalse(again.caCreatedNow());
            assertFalse(again.createdNow());
            assertTrue(again.createdAdmin().isEmpty());
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM users"));
        }
    }

    @Test
    void closingTheConsoleClosesItsDatabaseSoNoConnectionIsLeftOnTheFile() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp())) {
            assertTrue(Files.exists(dataDir.resolve("vigil.db-wal")), "open while the console runs");
        }
        assertFalse(Files.exists(dataDir.resolve("vigil.db-wal")),
                "the last connection closed, so SQLite folded the WAL into the file and removed it");
        Path moved = dataDir.resolve("moved.db");
        Files.move(dataDir.resolve("vigil.db"), moved);
        try (Database reopened = Database.open(moved)) {
            int users = reopened.withConnection(connection -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM users");
                     ResultSet rows = statement.executeQuery()) {
                    return rows.getInt(1);
                }
            });
            assertEquals(1, users);
        }
    }

    @Test
    void adminPasswordGivenInTheConfigIsUsedAndNotReportedAsGenerated() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp()
                .withAdminPassword("a chosen first passphrase"))) {
            AdminBootstrap.CreatedAdmin admin = console.createdAdmin().orElseThrow();
            assertTrue(admin.generatedPassword().isEmpty());
        }
    }
}
