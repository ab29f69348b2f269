package org.vigil.agent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.StoredIdentity;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.support.TestCerts;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.runtime.Supervisor;

/** The data dir is 0700 and the device secret and spool in it 0600, also when an earlier install left them open. */
class OwnerOnlyFilesTest {
    private static final CertificateFingerprint CA = CertificateFingerprint.of(TestCerts.ca("CN=ca").cert());
    private static final AgentInfo AGENT = new AgentInfo("test", "Linux", "pupil", "laptop-7");

    @TempDir
    Path root;

    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC());
    private DeviceService device;

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        supervisor.close();
    }

    @Test
    void aNewDataDirAndItsFilesAreTheAgentsAlone() throws Exception {
        Path dataDir = root.resolve("vigil");

        device = open(dataDir);
        new CredentialStore(dataDir).save(identity(), "localhost:1", Instant.now(), Optional.empty());

        assertEquals("rwx------", mode(dataDir));
        assertEquals("rw-------", mode(dataDir.resolve(CredentialStore.FILE_NAME)));
        assertEquals("rw-------", mode(dataDir.resolve(Spool.FILE_NAME)));
    }

    @Test
    void filesAnEarlierInstallLeftReadableAreMadeTheAgentsAlone() throws Exception {
        Path dataDir = Files.createDirectory(root.resolve("vigil"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        new CredentialStore(dataDir).save(identity(), "localhost:1", Instant.now(), Optional.empty());
        Path credentials = dataDir.resolve(CredentialStore.FILE_NAME);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r--r--"));
        Path nativeDir = Files.createDirectory(dataDir.resolve("native"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path notOurs = Files.createFile(dataDir.resolve("notes.sh"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        device = open(dataDir);

        assertEquals("rwx------", mode(dataDir));
        assertEquals("rw-------", mode(credentials));
        assertEquals("rwx------", mode(nativeDir));
        assertEquals("rwxr-xr-x", mode(notOurs), "what is not the agent's is left as it is");
    }

    private DeviceService open(Path dataDir) throws Exception {
        return DeviceService.open(new AgentConfig("localhost:1", Optional.of("token"), CA, dataDir, List.of(), 60,
                Spool.DEFAULT_MAX_BYTES, "test", Optional.empty()), AGENT, Duration.ofSeconds(30), supervisor, Clock.systemUTC());
    }

    private static StoredIdentity identity() {
        return new StoredIdentity(new DeviceCredentials("device-1", "s3cret"), Optional.of(CA), Optional.empty());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
