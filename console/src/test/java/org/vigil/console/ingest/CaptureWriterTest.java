package org.vigil.console.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.ForwardingScreenshotStore;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.StoreOutcome;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.runtime.Supervisor;
import org.vigil.runtime.WorkerHealth;

/**
 * The capture writer on a real SQLite file, with an error thrown from inside a batch's transaction: the screenshot
 * store is the one seam, as no real write throws an {@code Error} on demand.
 */
class CaptureWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String DEVICE = "laptop-1";

    @TempDir
    Path dir;
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor((worker, cause) -> fatal.add(worker), Clock.systemUTC(),
            Duration.ofMillis(10));
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch slowMayGoOn = new CountDownLatch(1);
    private CaptureRepository captures;

    @BeforeEach
    void database(StoreUnderTest store) {
        Database database = store.open();
        new EnrolmentTokenRepository(database, Clock.systemUTC()).mint(Duration.ofDays(1), "test");
        new DeviceRepository(database, Clock.systemUTC())
                .insert(new NewDevice(DEVICE, "hash", "host", "Linux", "1.0", "pupil", 1));
        captures = new CaptureRepository(database, new FaultyScreenshots(
                new FileScreenshotStore(dir.resolve("screenshots"))), Clock.systemUTC(), NewCaptureHook.NONE);
    }

    @AfterEach
    void stop() {
        slowMayGoOn.countDown();
        supervisor.close();
    }

    @OnBothStores
    void aBatchThatThrowsAnErrorFailsEveryCaptureInItAndTheWriterGoesOnAfterARestart() throws Exception {
        CaptureWriter writer = new CaptureWriter(captures, supervisor);
        CompletableFuture<StoreOutcome> first = writer.store(capture("e1", "image/x-slow"));
        assertTrue(slowEntered.await(5, TimeUnit.SECONDS), "the first batch is being written");
        List<CompletableFuture<StoreOutcome>> batch = List.of(writer.store(capture("e2", "")),
                writer.store(capture("e3", "image/x-linkage-error")), writer.store(capture("e4", "")));
        slowMayGoOn.countDown();

        assertEquals(StoreOutcome.STORED, first.get(5, TimeUnit.SECONDS));
        for (CompletableFuture<StoreOutcome> future : batch) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
            assertInstanceOf(NoClassDefFoundError.class, failed.getCause());
        }
        waitUntil(WAIT, "the writer is running again after its failure", () -> {
            WorkerHealth health = writer(supervisor);
            return health.failures() == 1 && health.state() == WorkerHealth.State.RUNNING;
        });
        assertEquals("java.lang.NoClassDefFoundError: org/vigil/NotOnTheClasspath",
                writer(supervisor).lastFailure().orElseThrow());
        assertEquals(1, captures.count(), "nothing of the failed batch is stored");

        assertEquals(StoreOutcome.STORED, writer.store(capture("e2", "")).get(5, TimeUnit.SECONDS),
                "stored now, after the restart");
        assertEquals(StoreOutcome.ALREADY_STORED, writer.store(capture("e1", "")).get(5, TimeUnit.SECONDS),
                "already stored");
        assertEquals(2, captures.count());
        assertTrue(supervisor.healthy());
        assertEquals(List.of(), fatal);
        writer.close();
    }

    @OnBothStores
    void aJvmErrorFailsTheBatchAndGoesToTheFatalHandler() throws Exception {
        CaptureWriter writer = new CaptureWriter(captures, supervisor);
        CompletableFuture<StoreOutcome> doomed = writer.store(capture("e1", "image/x-out-of-memory"));

        ExecutionException failed = assertThrows(ExecutionException.class, () -> doomed.get(5, TimeUnit.SECONDS));
        assertInstanceOf(OutOfMemoryError.class, failed.getCause());
        waitUntil(WAIT, "the fatal handler heard of it", () -> fatal.contains(CaptureWriter.WORKER));
        assertEquals(WorkerHealth.State.DEAD, writer(supervisor).state());
        assertFalse(supervisor.healthy());
    }

    @OnBothStores
    void closingStoresWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        CaptureWriter writer = new CaptureWriter(captures, supervisor);
        List<CompletableFuture<StoreOutcome>> queued = List.of(writer.store(capture("e1", "")),
                writer.store(capture("e2", "")));
        writer.close();

        for (CompletableFuture<StoreOutcome> future : queued) {
            assertEquals(StoreOutcome.STORED, future.getNow(null));
        }
        CompletableFuture<StoreOutcome> late = writer.store(capture("e3", ""));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> late.get(1, TimeUnit.SECONDS));
        assertEquals("the console is stopping", refused.getCause().getMessage());
        assertEquals(WorkerHealth.State.STOPPED, writer(supervisor).state());
        assertEquals(0, writer(supervisor).failures());
    }

    private static WorkerHealth writer(Supervisor supervisor) {
        return supervisor.health().stream().filter(worker -> worker.name().equals(CaptureWriter.WORKER))
                .findFirst().orElseThrow();
    }

    /** A capture; its screenshot's media type tells the screenshot store what to do (empty: no screenshot). */
    private static NewCapture capture(String eventId, String mediaType) {
        Optional<ScreenshotImage> screenshot = mediaType.isEmpty() ? Optional.empty()
                : Optional.of(new ScreenshotImage(eventId.getBytes(StandardCharsets.UTF_8), mediaType, 1, 1));
        return new NewCapture(eventId, DEVICE, 1, 0, "pupil", "window", "app", "bullying", 3, "rule",
                "matched", "context", 0, 7, "", screenshot);
    }

    /** Stores screenshots in real files, but throws or waits for the media types the tests name. */
    private final class FaultyScreenshots extends ForwardingScreenshotStore {
        FaultyScreenshots(ScreenshotStore files) {
            super(files);
        }

        @Override
        public StoredScreenshot put(byte[] data, String mediaType) {
            switch (mediaType) {
                case "image/x-linkage-error" -> throw new NoClassDefFoundError("org/vigil/NotOnTheClasspath");
                case "image/x-out-of-memory" -> throw new OutOfMemoryError("Java heap space");
                case "image/x-slow" -> {
                    slowEntered.countDown();
                    try {
                        slowMayGoOn.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> {
                }
            }
            return super.put(data, "image/png");
        }
    }
}
