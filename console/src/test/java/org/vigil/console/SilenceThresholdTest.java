package org.vigil.console;

import org.vigil.console.cli.ServeCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilenceThresholdTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dataDir;

    @Test
    void devicesAreSilentAfter72HoursUnlessServeIsToldOtherwise() {
        assertEquals(Duration.ofHours(72), ServeCommand.config(List.of(), Map.of()).silentAfter());
        assertEquals(Duration.ofHours(12),
                ServeCommand.config(List.of("--silent-after-hours", "12"), Map.of()).silentAfter());
    }

    @Test
    void aThresholdOutsideOneHourToAYearIsRefusedWithTheOptionNamed() {
        for (String hours : List.of("0", "-1", "8761")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ServeCommand.config(List.of("--silent-after-hours", hours), Map.of()));
            assertEquals("--silent-after-hours must be 1..8760, got " + hours, refused.getMessage());
        }
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> ServeCommand.config(List.of("--silent-after-hours", "three days"), Map.of()));
        assertEquals("--silent-after-hours needs a whole number, got three days", notANumber.getMessage());
    }

    @Test
    void theDevicesPageUsesTheConfiguredThreshold() throws Exception {
        try (Console console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD)
                .withSilentAfter(Duration.ofHours(2)));
             GrpcTestClient client = new GrpcTestClient(console)) {
            SeededDevices seeded = new SeededDevices(console, dataDir, client);
            String quiet = seeded.enrolled("quiet-pc").getDeviceId();
            seeded.lastSeen(quiet, Duration.ofHours(3), console.policies().current().change().version());
            String page = WebSession.signIn(console, "admin", PASSWORD).get("/devices?show=silent").body();
            assertTrue(page.contains("<tr data-device=\"" + quiet + "\" data-state=\"SILENT\">"), page);
            assertTrue(page.contains("not heard from for more than 2 hours"), page);
        }
    }
}
