package org.vigil.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the agent keeps its files when neither the config nor {@code --data} says: a per-user folder for the agent
 * run in one process and for the session helper; the system's folder for the device service run as root or
 * LocalSystem (ADR 0115).
 */
public final class DataDirs {
    private DataDirs() {
    }

    /**
     * The device service's folder: {@code /var/lib/vigil-agent} on Linux, {@code %ProgramData%\Vigil} on Windows,
     * {@code /Library/Application Support/Vigil} on macOS, when it runs privileged (root; on Windows LocalSystem,
     * whose user name the JVM sees as the computer's account, {@code NAME$}, or {@code SYSTEM}); the per-user
     * folder otherwise (a developer's unprivileged run), which cannot hold the system's files.
     */
    public static Path forService(String osName, Map<String, String> env, Path home, String userName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            if (!userName.endsWith("$") && !userName.equalsIgnoreCase("SYSTEM")) {
                return defaultFor(osName, env, home);
            }
            String programData = env.get("ProgramData");
            if (programData == null || programData.isBlank()) {
                programData = env.getOrDefault("PROGRAMDATA", "");
            }
            return Path.of(programData.isBlank() ? "C:\\ProgramData" : programData, "Vigil");
        }
        if (!userName.equals("root")) {
            return defaultFor(osName, env, home);
        }
        if (os.startsWith("mac")) {
            return Path.of("/Library", "Application Support", "Vigil");
        }
        return Path.of("/var", "lib", "vigil-agent");
    }

    public static Path defaultFor(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return local != null && !local.isBlank()
                    ? Path.of(local, "Vigil")
                    : home.resolve("AppData").resolve("Local").resolve("Vigil");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Vigil");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("vigil-agent");
    }
}
