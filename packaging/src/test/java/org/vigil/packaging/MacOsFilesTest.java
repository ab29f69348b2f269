package org.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What of the macOS agent can be checked without a Mac: the launchd plists, the PPPC and settings profiles parse
 * as property lists and carry the keys and bundle id the .pkg (built on a Mac by build-pkg.sh) depends on.
 */
@Tag("packaging")
class MacOsFilesTest {
    private static final Path MACOS = Packages.packagingDir().resolve("macos");
    private static final String APP = "/Library/Vigil/Vigil Agent.app/Contents/MacOS/Vigil Agent";
    private static final String BUNDLE_ID = "org.vigil.agent";

    @Test
    void theLaunchDaemonRunsTheDeviceServiceFromBootAndKeepsItAlive() throws Exception {
        Map<String, Object> daemon = Plist.dict(Plist.read(MACOS.resolve("org.vigil.agent.service.plist")));
        assertEquals("org.vigil.agent.service", daemon.get("Label"));
        assertEquals(List.of(APP, "service", "--config", "/Library/Application Support/Vigil/agent.properties",
                "--data", "/Library/Application Support/Vigil/data", "--socket", "/var/run/vigil/agent.sock"),
                daemon.get("ProgramArguments"));
        assertEquals(Boolean.TRUE, daemon.get("RunAtLoad"));
        assertEquals(Boolean.TRUE, daemon.get("KeepAlive"));
        assertEquals(63L, daemon.get("Umask"), "files it makes are its own (077)");
    }

    @Test
    void theLaunchAgentRunsTheSessionHelperInEveryGraphicalSessionAndBringsItBack() throws Exception {
        Map<String, Object> agent = Plist.dict(Plist.read(MACOS.resolve("org.vigil.agent.session.plist")));
        assertEquals("org.vigil.agent.session", agent.get("Label"));
        assertEquals(List.of(APP, "session", "--socket", "/var/run/vigil/agent.sock"), agent.get("ProgramArguments"));
        assertEquals("Aqua", agent.get("LimitLoadToSessionType"));
        assertEquals(Map.of("SuccessfulExit", false), agent.get("KeepAlive"), "restarted when killed, not after logout");
    }

    @Test
    void thePrivacyProfileCoversInputMonitoringAndScreenRecordingForTheAgentsBundleId() throws Exception {
        Map<String, Object> profile = Plist.dict(Plist.read(MACOS.resolve("vigil-pppc.mobileconfig")));
        assertEquals("Configuration", profile.get("PayloadType"));
        Map<String, Object> tcc = Plist.dict(Plist.array(profile.get("PayloadContent")).get(0));
        assertEquals("com.apple.TCC.configuration-profile-policy", tcc.get("PayloadType"));
        Map<String, Object> services = Plist.dict(tcc.get("Services"));
        assertEquals(Set.of("ListenEvent", "ScreenCapture"), services.keySet());
        for (String service : services.keySet()) {
            Map<String, Object> entry = Plist.dict(Plist.array(services.get(service)).get(0));
            assertEquals(BUNDLE_ID, entry.get("Identifier"), service);
            assertEquals("bundleID", entry.get("IdentifierType"), service);
            assertTrue(((String) entry.get("CodeRequirement")).startsWith("identifier \"" + BUNDLE_ID + "\""), service);
            // Apple lets an MDM deny these two, never allow them silently
            assertEquals("AllowStandardUserToSetSystemService", entry.get("Authorization"), service);
        }
        assertTrue(Files.readString(MACOS.resolve("build-pkg.sh")).contains("--mac-package-identifier " + BUNDLE_ID),
                "the app is built with the bundle id the profile names");
        assertTrue(Files.readString(MACOS.resolve("build-pkg.sh")).contains("pkgbuild --root"));
    }

    @Test
    void theSettingsProfileCarriesTheThreeSettingsThePostinstallWritesToTheConfig() throws Exception {
        Map<String, Object> profile = Plist.dict(Plist.read(MACOS.resolve("vigil-settings.mobileconfig")));
        Map<String, Object> settings = Plist.dict(Plist.array(profile.get("PayloadContent")).get(0));
        assertEquals(BUNDLE_ID, settings.get("PayloadType"), "managed preferences for the agent's domain");
        String postinstall = Files.readString(MACOS.resolve("scripts/postinstall"));
        assertTrue(postinstall.contains("/Library/Managed Preferences/" + BUNDLE_ID + ".plist"));
        for (String key : List.of("console.address", "enrolment.token", "console.ca.sha256")) {
            assertTrue(settings.containsKey(key), key);
            assertTrue(postinstall.contains(key), "postinstall reads " + key);
        }
        assertTrue(postinstall.contains("chmod 0600 \"$dir/agent.properties\""));
    }

    @Test
    void theStagedAgentJarCarriesOnlyMacOsNativeLibraries() throws Exception {
        Path out = Packages.testOutput("macos");
        Host.assumeTools("zip");
        Packages.run("macos", "0.1.0", out).orFail("build.sh macos");
        Path jar = out.resolve("macos/vigil-agent.jar");
        List<String> natives;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            natives = zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.matches(".*\\.(so|dll|dylib|jnilib)$")).toList();
        }
        assertEquals(8, natives.size(), natives.toString()); // JNativeHook, JNA, Netty tcnative, sqlite: arm64 and x86-64 each
        assertTrue(natives.stream().allMatch(name -> name.endsWith(".dylib") || name.endsWith(".jnilib")), natives.toString());
        assertTrue(Files.isRegularFile(out.resolve("macos/build-pkg.sh")));
        System.err.println("PACKAGING macOS staging: agent jar " + Files.size(jar) / 1024 + " KiB");
    }
}
