package org.vigil.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An XDG desktop entry (an autostart file): its keys, and the command its Exec line starts. */
record DesktopEntry(Map<String, String> keys) {
    static DesktopEntry read(Path file) throws IOException {
        Map<String, String> keys = new HashMap<>();
        boolean inEntry = false;
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (stripped.startsWith("[")) {
                inEntry = stripped.equals("[Desktop Entry]");
            } else if (inEntry && stripped.indexOf('=') > 0 && !stripped.startsWith("#")) {
                keys.put(stripped.substring(0, stripped.indexOf('=')).strip(),
                        stripped.substring(stripped.indexOf('=') + 1).strip());
            }
        }
        return new DesktopEntry(keys);
    }

    /** The Exec command split into words (the entry uses no quoting or field codes). */
    List<String> exec() {
        String exec = keys.get("Exec");
        if (exec == null || exec.contains("\"") || exec.contains("%")) {
            throw new AssertionError("the autostart entry's Exec is missing or uses quoting the test does not read: "
                    + exec);
        }
        return List.of(exec.split("\\s+"));
    }
}
