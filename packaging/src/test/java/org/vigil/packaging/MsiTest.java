package org.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Windows agent MSI, built here with wixl and read back table by table with msiinfo (and its files with
 * msiextract): what Windows Installer would act on. Nothing here runs it on Windows; the runtime image it bundles is
 * a stand-in folder shaped like a Windows jlink image (bin\java.exe, bin\javaw.exe, lib\modules), since no Windows
 * JDK is on this machine.
 */
@Tag("packaging")
class MsiTest {
    private static final String UPGRADE_CODE = "{6F1E2B7A-3C4D-4E5F-8A9B-0C1D2E3F4A5B}";
    private static Path withRuntime;
    private static Path upgrade;
    private static Host.Result noRuntimeBuild;
    private static Path work;

    @BeforeAll
    static void build() throws Exception {
        Host.assumeTools("wixl", "wixl-heat", "msiinfo", "msibuild", "msiextract", "zip");
        work = Packages.testOutput("msi");
        Path runtime = work.resolve("windows-runtime-stand-in");
        Files.createDirectories(runtime.resolve("bin"));
        Files.createDirectories(runtime.resolve("lib"));
        Files.writeString(runtime.resolve("bin/java.exe"), "stand-in");
        Files.writeString(runtime.resolve("bin/javaw.exe"), "stand-in");
        Files.writeString(runtime.resolve("lib/modules"), "stand-in");
        withRuntime = Packages.build("msi", "0.1.0", work.resolve("first"), "--windows-runtime", runtime.toString());
        noRuntimeBuild = Packages.run("msi", "0.1.1", work.resolve("upgrade")).orFail("build.sh msi");
        upgrade = Packages.built("msi", work.resolve("upgrade"), noRuntimeBuild);
    }

    @Test
    void installsPerMachineWithTheAgentForWindowsAndItsJvmOptions() throws Exception {
        Map<String, String> properties = keyed(table(withRuntime, "Property"), 0, 1);
        assertEquals("1", properties.get("ALLUSERS"), "per-machine");
        assertTrue(Host.run("msiinfo", "suminfo", withRuntime.toString()).output().contains("x64;1033"));
        List<List<String>> files = table(withRuntime, "File");
        assertEquals(List.of("vigil-agent.jar", "agent.jvmopts", "java.exe", "javaw.exe", "modules"),
                files.stream().map(row -> row.get(2)).toList());

        Path extracted = work.resolve("extracted");
        Host.run("msiextract", "-C", extracted.toString(), withRuntime.toString()).orFail("msiextract");
        Path jar;
        try (Stream<Path> found = Files.walk(extracted)) {
            jar = found.filter(p -> p.getFileName().toString().equals("vigil-agent.jar")).findFirst().orElseThrow();
        }
        List<String> natives = natives(jar);
        assertTrue(natives.contains("com/github/kwhat/jnativehook/lib/windows/x86_64/JNativeHook.dll"), natives.toString());
        assertTrue(natives.contains("org/sqlite/native/Windows/x86_64/sqlitejdbc.dll"), natives.toString());
        assertTrue(natives.stream().allMatch(name -> name.endsWith(".dll")), "only Windows libraries: " + natives);
        assertTrue(natives.contains("com/sun/jna/win32-x86-64/jnidispatch.dll"), natives.toString());
        assertEquals(4, natives.size(), "one per library (JNativeHook, JNA, Netty, sqlite), x64 only: " + natives);
        System.err.println("PACKAGING Windows .msi: " + Files.size(withRuntime) / 1024 + " KiB with a stand-in"
                + " runtime; its agent jar " + Files.size(jar) / 1024 + " KiB");
    }

    @Test
    void registersTheDeviceServiceAsLocalSystemAtBootAndTheHelperAtEveryLogon() throws Exception {
        List<List<String>> services = table(withRuntime, "ServiceInstall");
        assertEquals(1, services.size());
        List<String> service = services.get(0);
        assertEquals("VigilAgent", service.get(1));
        assertEquals("16", service.get(3), "its own process");
        assertEquals("2", service.get(4), "started automatically at boot");
        assertEquals("LocalSystem", service.get(8));
        assertTrue(service.get(10).contains("-jar \"[INSTALLDIR]vigil-agent.jar\" windows-service --config"
                + " \"[CommonAppDataFolder]Vigil\\agent.properties\""), service.get(10));
        assertTrue(service.get(10).startsWith("@\"[INSTALLDIR]agent.jvmopts\""), "the agent's JVM options");
        assertEquals("DeviceService", service.get(11));
        List<String> control = table(withRuntime, "ServiceControl").get(0);
        assertEquals("VigilAgent", control.get(1));
        assertEquals("163", control.get(2), "started on install, stopped on install and uninstall, removed on"
                + " uninstall (msidbServiceControlEvent 0x1 | 0x20 | 0x2 | 0x80)");

        List<String> run = table(withRuntime, "Registry").stream()
                .filter(row -> row.get(2).equals("SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run")).findFirst()
                .orElseThrow(() -> new AssertionError("no Run key"));
        assertEquals("2", run.get(1), "HKLM: every user's logon");
        assertTrue(run.get(4).endsWith("-jar \"[INSTALLDIR]vigil-agent.jar\" session"), run.get(4));
    }

    @Test
    void windowsRestartsTheServiceWhenItFailsOrStopsWithAnError() throws Exception {
        List<String> restart = table(withRuntime, "MsiServiceConfigFailureActions").get(0);
        assertEquals("VigilAgent", restart.get(1));
        assertEquals("1", restart.get(2), "on install");
        assertEquals("86400", restart.get(3), "the failure count resets after a day");
        assertEquals("1[~]1[~]1", restart.get(6), "restart, restart, restart");
        assertEquals("10000[~]30000[~]60000", restart.get(7));
        assertEquals("DeviceService", restart.get(8));
        List<String> flag = table(withRuntime, "MsiServiceConfig").get(0);
        assertEquals(List.of("VigilAgent", "1", "4", "1", "DeviceService"), flag.subList(1, 6),
                "SERVICE_CONFIG_FAILURE_ACTIONS_FLAG on: STOPPED with exit code 70 counts as a failure");
        Map<String, String> sequence = keyed(table(withRuntime, "InstallExecuteSequence"), 0, 2);
        int configure = Integer.parseInt(sequence.get("MsiConfigureServices"));
        assertTrue(configure > Integer.parseInt(sequence.get("InstallServices")), "after the service exists");
        assertTrue(configure < Integer.parseInt(sequence.get("StartServices")), "before it is started");
        assertFalse(Host.run("msiinfo", "tables", upgrade.toString()).output().contains("MsiServiceConfig"),
                "no service, no recovery rows");
    }

    @Test
    void writesTheConfigFromThePublicPropertiesWithAnAclBeforeTheServiceStarts() throws Exception {
        Map<String, String> properties = keyed(table(withRuntime, "Property"), 0, 1);
        for (String name : List.of("CONSOLE_ADDRESS", "ENROLMENT_TOKEN", "CONSOLE_CA_SHA256")) {
            assertTrue(List.of(properties.get("SecureCustomProperties").split(";")).contains(name),
                    name + " reaches the elevated install: " + properties.get("SecureCustomProperties"));
        }
        Map<String, String> sequence = keyed(table(withRuntime, "InstallExecuteSequence"), 0, 2);
        int write = Integer.parseInt(sequence.get("WriteAgentConfig"));
        assertTrue(write > Integer.parseInt(sequence.get("LaunchConditions")), "after the checks");
        assertTrue(write < Integer.parseInt(sequence.get("InstallInitialize")), "before the service is started");
        List<String> action = table(withRuntime, "CustomAction").stream()
                .filter(row -> row.get(0).equals("WriteAgentConfig")).findFirst().orElseThrow();
        assertEquals("AgentConfigScript", action.get(2));
        assertEquals("writeConfig", action.get(3));

        String script = Files.readString(Packages.packagingDir().resolve("windows/agent-config.js"));
        assertTrue(script.contains("\"console.address=\" + Session.Property(\"CONSOLE_ADDRESS\")"));
        assertTrue(script.contains("/inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F"),
                "SYSTEM and Administrators only");
        assertTrue(keyed(table(withRuntime, "Binary"), 0, 0).containsKey("AgentConfigScript"));
    }

    @Test
    void aMissingOrMalformedPropertyStopsTheInstallWithAClearMessage() throws Exception {
        Map<String, String> conditions = keyed(table(withRuntime, "LaunchCondition"), 1, 0);
        assertEquals("Installed OR CONSOLE_ADDRESS", conditions.get("Vigil agent: CONSOLE_ADDRESS is missing. Give"
                + " CONSOLE_ADDRESS=host:port (the console's agent-config command prints it)."));
        assertTrue(conditions.values().contains("Installed OR ENROLMENT_TOKEN"));
        assertTrue(conditions.values().contains("Installed OR CONSOLE_CA_SHA256"));
        assertTrue(conditions.keySet().stream().anyMatch(message -> message.contains("must be host:port")));
        assertTrue(conditions.keySet().stream().anyMatch(message -> message.contains("is not a SHA-256 fingerprint")));
    }

    @Test
    void aNewerMsiReplacesAnOlderOne() throws Exception {
        Map<String, String> first = keyed(table(withRuntime, "Property"), 0, 1);
        Map<String, String> second = keyed(table(upgrade, "Property"), 0, 1);
        assertEquals(UPGRADE_CODE, first.get("UpgradeCode"));
        assertEquals(UPGRADE_CODE, second.get("UpgradeCode"));
        assertNotEquals(first.get("ProductCode"), second.get("ProductCode"));
        assertEquals("0.1.1", second.get("ProductVersion"));
        List<String> replaces = table(upgrade, "Upgrade").stream()
                .filter(row -> row.get(6).equals("WIX_UPGRADE_DETECTED")).findFirst().orElseThrow();
        assertEquals(UPGRADE_CODE, replaces.get(0));
        assertEquals("0.1.1", replaces.get(2), "every version below this one is removed");
        assertTrue(keyed(table(upgrade, "InstallExecuteSequence"), 0, 2).containsKey("RemoveExistingProducts"));
    }

    @Test
    void withoutAWindowsRuntimeTheBuildSaysSoAndRegistersNoService() throws Exception {
        assertTrue(noRuntimeBuild.output().contains("WARNING: no Windows runtime image given"), noRuntimeBuild.output());
        assertEquals(List.of(), table(upgrade, "ServiceInstall"));
        assertFalse(table(upgrade, "File").stream().anyMatch(row -> row.get(2).endsWith(".exe")));
    }

    /** One MSI table's rows (msiinfo export: three header lines, then tab-separated rows). */
    private static List<List<String>> table(Path msi, String name) throws IOException, InterruptedException {
        String export = Host.run("msiinfo", "export", msi.toString(), name).output();
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = export.lines().toList();
        for (String line : lines.subList(Math.min(3, lines.size()), lines.size())) {
            if (!line.isBlank()) {
                rows.add(List.of(line.split("\t", -1)));
            }
        }
        return rows;
    }

    private static Map<String, String> keyed(List<List<String>> rows, int key, int value) {
        return rows.stream().collect(Collectors.toMap(row -> row.get(key), row -> row.get(value), (a, b) -> a));
    }

    private static List<String> natives(Path jar) throws IOException {
        List<String> natives = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.matches(".*\\.(so|dll|dylib|jnilib)$")) {
                    natives.add(name);
                }
            }
        }
        return natives;
    }
}
