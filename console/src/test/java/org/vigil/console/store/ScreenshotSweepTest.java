package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of unused screenshot files over a real directory, while something else removes files under it: two
 * purges can run at once (the daily one and {@code retention run}), and one's batch can release a file the other's
 * sweep has already listed. That once failed the whole run (NoSuchFileException) at the end of a 200,000-capture
 * purge in the benchmark.
 */
class ScreenshotSweepTest {
    @TempDir
    Path root;

    @Test
    void filesRemovedByAnotherRunWhileTheSweepWalksAreSkippedNotAnError() throws IOException {
        FileScreenshotStore store = new FileScreenshotStore(root);
        List<Path> stored = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sha256 = store.put(("image " + i).getBytes(StandardCharsets.US_ASCII), "image/png").sha256();
            stored.add(store.pathOf(sha256, "image/png"));
        }
        List<String> asked = new ArrayList<>();

        int removed = store.removeUnused(sha256 -> {
            if (asked.isEmpty()) { // the other run removes every other file while this sweep is at its first
                stored.stream().filter(file -> !file.getFileName().toString().startsWith(sha256))
                        .forEach(ScreenshotSweepTest::delete);
            }
            asked.add(sha256);
            return false;
        }, Instant.now().plus(Duration.ofMinutes(1)));

        assertEquals(1, asked.size(), "the files gone since the walk listed them are not asked about");
        assertEquals(1, removed, "only the file this sweep removed itself is counted");
        try (Stream<Path> left = Files.walk(root)) {
            assertEquals(0, left.filter(Files::isRegularFile).count());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
