package org.vigil.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String CA = "AB:".repeat(31) + "CD";

    @TempDir
    Path dir;

    @Test
    void aMissingKeyGivesAMessageNamingTheKeyAndTheFile() throws IOException {
        Path file = write("enrolment.token=t0k3n\nconsole.ca.sha256=" + CA + "\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of(), dir).load(file, Optional.empty()));

        assertTrue(e.getMessage().contains("console.address"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("VIGIL_CONSOLE_ADDRESS"), e.getMessage());
    }

    @Test
    void aFileOfInvalidBytesIsNamedInOneLine() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.write(file, new byte[] {'c', 'o', 'n', 's', 'o', 'l', 'e', '=', (byte) 0xff, (byte) 0xfe, '\n'});
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of(), dir).load(file, Optional.empty()));
        assertEquals("config file " + file + " holds bytes that are not UTF-8 text: save it as UTF-8 (plain text,"
                + " key=value lines)", e.getMessage());
    }

    @Test
    void aBadFingerprintIsNamedWithItsKey() throws IOException {
        Path file = write("console.address=console.school.example:8443\nconsole.ca.sha256=AB:CD\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of(), dir).load(file, Optional.empty()));

        assertTrue(e.getMessage().contains("console.ca.sha256"), e.getMessage());
    }

    @Test
    void readsEverySettingAndTheEnvironmentBeatsTheFile() throws Exception {
        Path file = write("console.address=old:1\nenrolment.token=t\nconsole.ca.sha256=" + CA + "\n"
                + "excluded.apps= KeePassXC , 1password,\ncontext.chars=40\n");

        AgentConfig config = new ConfigLoader(Map.of("VIGIL_CONSOLE_ADDRESS", "console.school.example:8443",
                "VIGIL_DATA_DIR", dir.resolve("env-data").toString()), dir.resolve("default"))
                .load(file, Optional.empty());

        assertEquals("console.school.example:8443", config.consoleAddress());
        assertEquals(Optional.of("t"), config.enrolmentToken());
        assertEquals(CA, config.consoleCa().toString());
        assertEquals(dir.resolve("env-data"), config.dataDir());
        assertEquals(List.of("keepassxc", "1password"), config.excludedApps());
        assertEquals(40, config.contextChars());
    }

    @Test
    void theDataArgumentBeatsEverythingAndTheTokenIsOptional() throws Exception {
        Path file = write("console.address=c:8443\nconsole.ca.sha256=" + CA + "\ndata.dir=/nowhere\n");

        AgentConfig config = new ConfigLoader(Map.of(), dir).load(file, Optional.of(dir.resolve("arg")));

        assertEquals(dir.resolve("arg"), config.dataDir());
        assertEquals(Optional.empty(), config.enrolmentToken());
        assertEquals(60, config.contextChars());
    }

    @Test
    void anAddressWithoutAPortIsRefused() throws IOException {
        Path file = write("console.address=console.school.example\nconsole.ca.sha256=" + CA + "\n");

        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of(), dir).load(file, Optional.empty()));

        assertTrue(e.getMessage().contains("console.address") && e.getMessage().contains("host:port"),
                e.getMessage());
    }

    @Test
    void theServiceRunAsRootOrLocalSystemKeepsItsFilesInTheSystemsFolder() {
        Path home = Path.of("/root");
        assertEquals(Path.of("/var/lib/vigil-agent"), DataDirs.forService("Linux", Map.of(), home, "root"));
        assertEquals(Path.of("/Library/Application Support/Vigil"),
                DataDirs.forService("Mac OS X", Map.of(), home, "root"));
        assertEquals(Path.of("C:/ProgramData", "Vigil"),
                DataDirs.forService("Windows 11", Map.of("ProgramData", "C:/ProgramData"), home, "LAB-PC-07$"));
        assertEquals(Path.of("C:\\ProgramData", "Vigil"),
                DataDirs.forService("Windows 11", Map.of(), home, "SYSTEM"));
        assertEquals(Path.of("/home/dev/.local/share/vigil-agent"),
                DataDirs.forService("Linux", Map.of(), Path.of("/home/dev"), "dev"), "an unprivileged run: per user");
    }

    @Test
    void defaultDataDirsArePerUser() {
        Path home = Path.of("/home/pupil");
        assertEquals(Path.of("/home/pupil/.local/share/vigil-agent"), DataDirs.defaultFor("Linux", Map.of(), home));
        assertEquals(Path.of("/home/pupil/Library/Application Support/Vigil"),
                DataDirs.defaultFor("Mac OS X", Map.of(), home));
        assertEquals(Path.of("C:/Users/pupil/AppData/Local", "Vigil"),
                DataDirs.defaultFor("Windows 11", Map.of("LOCALAPPDATA", "C:/Users/pupil/AppData/Local"), home));
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, text);
        return file;
    }
}
