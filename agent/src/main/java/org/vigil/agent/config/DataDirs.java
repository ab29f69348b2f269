package org.vigil.agent.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the agent keeps its files when the config does not say: a per-user folder, as the agent runs per user. */
public final class DataDirs {
    private DataDirs() {
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
