package org.vigil.agent.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * The last policy this agent compiled, in its data dir, so an agent that starts offline matches what the console
 * last sent rather than the built-in lists. Written to a temporary file and moved into place, so a crash mid-write
 * leaves the previous file whole.
 */
public final class LastKnownGood {
    static final String FILE_NAME = "policy.bundle";
    private static final Logger log = LoggerFactory.getLogger(LastKnownGood.class);

    private final Path file;

    public LastKnownGood(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    /** The stored bundle; empty if there is none or it cannot be read (which is logged). */
    public Optional<WordlistBundle> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(WordlistBundle.decode(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | WordlistFormatException e) {
            log.warn("cannot read the last known good policy {}: {}; using the built-in wordlists", file,
                    e.getMessage());
            return Optional.empty();
        }
    }

    public void save(WordlistBundle bundle) throws IOException {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temporary, bundle.encode(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    Path file() {
        return file;
    }
}
