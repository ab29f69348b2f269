package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.AdminBootstrap;
import org.vigil.console.tls.Pem;
import org.vigil.proto.CertificateFingerprint;

class ConsoleStartTest {
    @TempDir
    Path dataDir;

    @Test
    void firstStartCreatesCaServerCertificateAndAdminAndSecondStartReusesThem() throws Exception {
        CertificateFingerprint first;
        try (Console console = Console.start(ConsoleConfig.forTesting(dataDir))) {
            first = console.caFingerprint();
            assertTrue(console.caCreatedNow());
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
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM users WHERE username = 'admin' AND role = 'DSL'"));
            assertEquals(
                    "http=" + console.httpPort() + "\ngrpc=" + console.grpcPort() + "\n",
                    Files.readString(dataDir.resolve("console.ports")));
        }
        try (Console again = Console.start(ConsoleConfig.forTesting(dataDir))) {
            assertEquals(first, again.caFingerprint());
            assertFalse(again.caCreatedNow());
            assertTrue(again.createdAdmin().isEmpty());
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM users"));
        }
    }

    @Test
    void adminPasswordGivenInTheConfigIsUsedAndNotReportedAsGenerated() throws Exception {
        try (Console console = Console.start(ConsoleConfig.forTesting(dataDir).withAdminPassword("a-chosen-passphrase"))) {
            AdminBootstrap.CreatedAdmin admin = console.createdAdmin().orElseThrow();
            assertTrue(admin.generatedPassword().isEmpty());
        }
    }
}
