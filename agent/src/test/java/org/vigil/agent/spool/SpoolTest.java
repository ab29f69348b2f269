package org.vigil.agent.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;

class SpoolTest {
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @TempDir
    Path dir;

    static Event event(int seq, int screenshotBytes) {
        Event.Builder event = Event.newBuilder().setEventId(UUID.randomUUID().toString()).setSeq(seq)
                .setCategory("bullying").setSeverity(3).setMatchedText("word" + seq).setContext("some word" + seq);
        if (screenshotBytes > 0) {
            event.setScreenshot(Screenshot.newBuilder().setMediaType("image/png")
                    .setData(ByteString.copyFrom(new byte[screenshotBytes])).setWidth(10).setHeight(10));
        }
        return event.build();
    }

    @Test
    void keepsEventsAcrossReopeningOldestFirstUntilRemoved() {
        Event first = event(1, 1000);
        Event second = event(2, 0);
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            spool.append(first);
            spool.append(second);
        }
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            List<SpooledEvent> waiting = spool.after(0, 10);
            assertEquals(List.of(first, second), waiting.stream().map(SpooledEvent::event).toList());
            assertEquals(2, spool.depth());
            assertTrue(spool.remove(first.getEventId()));
            assertFalse(spool.remove(first.getEventId()), "a second ack for the same event finds nothing");
            assertEquals(List.of(second), spool.after(0, 10).stream().map(SpooledEvent::event).toList());
            assertEquals(List.of(), spool.after(waiting.get(1).position(), 10));
        }
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            assertEquals(1, spool.depth());
        }
    }

    @Test
    void addingTheSameEventTwiceKeepsOneCopy() {
        Event event = event(1, 0);
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            spool.append(event);
            spool.append(event);
            assertEquals(1, spool.depth());
        }
    }

    @Test
    void dropsOldestScreenshotsBeforeAnyTextWhenSpoolIsFull() {
        Event a = event(1, 4000);
        Event b = event(2, 4000);
        Event c = event(3, 4000);
        try (Spool spool = Spool.open(dir, 10_000, NO_LIMIT)) {
            spool.append(a);
            spool.append(b);
            spool.append(c);
            List<Event> waiting = spool.after(0, 10).stream().map(SpooledEvent::event).toList();
            assertEquals(3, waiting.size(), "no text is dropped while a screenshot can go");
            assertFalse(waiting.get(0).hasScreenshot(), "the oldest screenshot went first");
            assertTrue(waiting.get(1).hasScreenshot());
            assertTrue(waiting.get(2).hasScreenshot());
            assertEquals(new DropCounts(1, 0), spool.drops());
        }
        try (Spool spool = Spool.open(dir, 10_000, NO_LIMIT)) {
            assertEquals(new DropCounts(1, 0), spool.drops(), "drop counts survive a restart");
        }
    }

    @Test
    void dropsOldestEventsOnlyWhenNoScreenshotIsLeft() {
        try (Spool spool = Spool.open(dir, 200, NO_LIMIT)) {
            Event first = event(1, 0);
            spool.append(first);
            int added = 1;
            while (spool.drops().events() == 0) {
                spool.append(event(++added, 0));
            }
            List<Event> waiting = spool.after(0, 100).stream().map(SpooledEvent::event).toList();
            assertFalse(waiting.contains(first), "the oldest event went");
            assertEquals(added - 1, waiting.size());
            assertTrue(spool.bytes() <= 200);
        }
    }

    @Test
    void anEventTooLargeToSendIsKeptWithoutItsScreenshot() {
        try (Spool spool = Spool.open(dir, NO_LIMIT, 1000)) {
            spool.append(event(1, 5000));
            Event kept = spool.after(0, 1).get(0).event();
            assertFalse(kept.hasScreenshot());
            assertEquals("word1", kept.getMatchedText());
            assertEquals(new DropCounts(1, 0), spool.drops());
        }
    }

    @Test
    void aDrainedBacklogGivesItsDiskSpaceBack() throws Exception {
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            List<Event> backlog = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                backlog.add(event(i, 50_000));
                spool.append(backlog.get(i));
            }
            long full = spoolFileBytes();
            assertTrue(full > 10_000_000, "200 events of 50 KB: " + full);
            backlog.forEach(event -> assertTrue(spool.remove(event.getEventId())));
            long drained = spoolFileBytes();
            assertTrue(drained < 1_000_000, "after draining: " + drained + " bytes, was " + full);
            Event later = event(999, 0);
            spool.append(later);
            assertEquals(List.of(later), spool.after(0, 10).stream().map(SpooledEvent::event).toList());
        }
    }

    /** The spool file and its write-ahead log, as they take up the disk. */
    private long spoolFileBytes() throws Exception {
        long total = 0;
        for (String name : List.of(Spool.FILE_NAME, Spool.FILE_NAME + "-wal")) {
            Path file = dir.resolve(name);
            total += Files.exists(file) ? Files.size(file) : 0;
        }
        return total;
    }

    @Test
    void theSpoolFileIsReadableByItsOwnerOnly() throws Exception {
        try (Spool spool = Spool.open(dir, NO_LIMIT, NO_LIMIT)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.file())));
        }
    }
}
