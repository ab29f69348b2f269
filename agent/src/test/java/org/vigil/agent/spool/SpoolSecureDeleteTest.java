package org.vigil.agent.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.Event;

/** An acknowledged hit's text cannot be read back from the spool's files: not from free pages, not from the WAL. */
class SpoolSecureDeleteTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir
    Path dir;

    @Test
    void theTextOfAnAcknowledgedHitIsGoneFromTheFilesWhileOtherHitsStillWait() throws IOException {
        String marker = marker();
        Event kept = SpoolTest.event(2, 0);
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            spool.append(hit(marker));
            spool.append(kept);
            assertTrue(spoolFilesContain(marker), "the hit is on disk before it is acknowledged");

            assertTrue(spool.remove(idOf(spool, marker)));
        }

        assertFalse(spoolFilesContain(marker), "the acknowledged hit's text is still in " + spoolFiles());
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            assertEquals(List.of(kept), spool.after(0, 10).stream().map(SpooledEvent::event).toList());
        }
    }

    @Test
    void theTextIsGoneWhileTheSpoolIsStillOpenOnceItHasDrained() throws IOException {
        String marker = marker();
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            Event hit = hit(marker);
            spool.append(hit);

            assertTrue(spool.remove(hit.getEventId()));

            assertFalse(spoolFilesContain(marker), "the acknowledged hit's text is still in " + spoolFiles());
        }
    }

    private static String marker() {
        return "marker-" + UUID.randomUUID();
    }

    private static Event hit(String marker) {
        return Event.newBuilder().setEventId(UUID.randomUUID().toString()).setSeq(1).setCategory("self-harm")
                .setSeverity(5).setMatchedText(marker).setContext("i typed " + marker + " tonight").build();
    }

    private static String idOf(Spool spool, String marker) {
        return spool.after(0, 10).stream().map(SpooledEvent::event)
                .filter(e -> e.getMatchedText().equals(marker)).findFirst().orElseThrow().getEventId();
    }

    private boolean spoolFilesContain(String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        for (Path file : spoolFiles()) {
            if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** spool.db and whatever SQLite keeps beside it (-wal, -shm, -journal). */
    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(Spool.FILE_NAME)).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
