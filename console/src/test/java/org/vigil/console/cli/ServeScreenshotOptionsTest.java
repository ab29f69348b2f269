package org.vigil.console.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.objectstore.S3Settings;
import org.vigil.console.store.objectstore.ScreenshotPlace;

/** {@code serve}'s screenshot options, beside its others, and their environment variables. */
class ServeScreenshotOptionsTest {
    private static final List<String> ARGS = List.of("--data", "/srv/vigil", "--screenshots", "s3://trust-shots/school-a",
            "--s3-endpoint", "https://s3.trust.example:9000", "--s3-sse", "aws:kms", "--http-plain");

    @Test
    void theOptionsChooseTheObjectStoreAndLeaveTheRestAsItWas() {
        assertEquals(Path.of("/srv/vigil"), ServeCommand.config(ARGS, Map.of()).dataDir());
        S3Settings s3 = ServeCommand.screenshotPlace(ARGS, Map.of()).orElseThrow().s3().orElseThrow();

        assertEquals("s3://trust-shots/school-a", s3.location().toString());
        assertEquals(Optional.of(URI.create("https://s3.trust.example:9000")), s3.endpoint());
        assertEquals(Optional.of("aws:kms"), s3.serverSideEncryption());
        assertEquals(S3Settings.DEFAULT_REGION, s3.region());
    }

    @Test
    void theEnvironmentChoosesWhenTheOptionsSayNothingAndNothingSaidKeepsWhatIsRecorded() {
        Map<String, String> env = Map.of(ScreenshotPlace.LOCATION_ENV, "s3://env-shots",
                ScreenshotPlace.ENDPOINT_ENV, "http://127.0.0.1:9000", ScreenshotPlace.REGION_ENV, "eu-west-2");
        S3Settings s3 = ServeCommand.screenshotPlace(List.of(), env).orElseThrow().s3().orElseThrow();
        assertEquals("s3://env-shots", s3.location().toString());
        assertEquals("eu-west-2", s3.region());
        assertEquals(Optional.empty(), ServeCommand.screenshotPlace(List.of("--http-plain"), Map.of()));
    }

    @Test
    void aBadLocationIsRefusedWithTheOptionNamed() {
        String message = assertThrows(IllegalArgumentException.class, () -> ServeCommand.screenshotPlace(
                List.of("--screenshots", "/mnt/nas/shots"), Map.of())).getMessage();
        assertTrue(message.startsWith("--screenshots must be files"), message);
    }

    @Test
    void screenshotsInTheDatabaseNeedAPostgresqlDatabaseAndNothingIsRecordedWithout(@TempDir Path dir) {
        String message = assertThrows(IllegalArgumentException.class, () -> ServeCommand.run(List.of("--data",
                dir.toString(), "--screenshots", "postgresql"), Map.of(), System.out)).getMessage();
        assertTrue(message.startsWith("--screenshots postgresql keeps screenshots in the console's PostgreSQL"
                + " database: give --db postgresql://HOST:PORT/NAME too"), message);
        assertFalse(Files.exists(dir.resolve(ScreenshotPlace.FILE)), "nothing recorded");
        assertEquals(ScreenshotPlace.database(), ServeCommand.screenshotPlace(List.of("--screenshots", "postgresql"),
                Map.of()).orElseThrow());
    }
}
