package org.vigil.console.store.copy;

import java.util.List;

/**
 * What the copy did with the screenshots the source's captures refer to: how many were copied and read back from
 * the target with their SHA-256 checked, and which the source itself no longer holds whole (the copy cannot bring
 * back what the school's store had already lost; they are listed, not hidden).
 */
public record ScreenshotsCopied(int referenced, int copiedAndChecked, List<String> lostInSource, String target) {

    public ScreenshotsCopied {
        lostInSource = List.copyOf(lostInSource);
    }

    public String describe() {
        String line = "screenshots: " + copiedAndChecked + " of " + referenced + " copied to " + target
                + ", each read back and checked against its SHA-256";
        if (lostInSource.isEmpty()) {
            return line;
        }
        return line + "\n" + lostInSource.size() + " screenshot" + (lostInSource.size() == 1 ? " was" : "s were")
                + " already missing or damaged in the source (not copied; the captures keep their other details):\n  "
                + String.join("\n  ", lostInSource);
    }
}
