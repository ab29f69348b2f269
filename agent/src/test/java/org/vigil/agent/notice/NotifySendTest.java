package org.vigil.agent.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.SignInNotice;

/**
 * {@code notify-send} as the session finds it on its PATH: a stand-in program that records how it was called. The
 * session bus it would talk to is only named (its address, or a file at {@code $XDG_RUNTIME_DIR/bus}).
 */
class NotifySendTest {
    private static final SignInNotice NOTICE = SignInNotice.newBuilder()
            .setText("This laptop is monitored by Hillside Academy's safeguarding system.")
            .setPolicyLink("https://hillside.example/safeguarding").build();

    private static final String BUS = "unix:path=/run/user/1000/bus";

    @TempDir
    Path dir;

    @Test
    void theNotificationCarriesTheSchoolsWordsAndLinkUnderAPlainTitle() throws Exception {
        Path called = dir.resolve("called.txt");
        Path bin = program("notify-send", "for a in \"$@\"; do printf '%s\\n--\\n' \"$a\" >> " + called + "; done");

        Optional<String> shown = new NotifySend(Map.of("PATH", "/nonexistent:" + bin,
                "DBUS_SESSION_BUS_ADDRESS", BUS)).show(NOTICE);

        assertEquals(Optional.of("notify-send"), shown);
        List<String> args = List.of(Files.readString(called).split("\n--\n"));
        assertEquals("--app-name=Vigil", args.get(0));
        assertTrue(args.contains("Vigil: this device is monitored"), args.toString());
        assertTrue(args.contains(NOTICE.getText() + "\nSee https://hillside.example/safeguarding"), args.toString());
    }

    @Test
    void noProgramOnThePathOrOneThatFailsShowsNothingSoTheNextWayIsTried() throws Exception {
        assertEquals(Optional.empty(), new NotifySend(Map.of("PATH", dir.toString(),
                "DBUS_SESSION_BUS_ADDRESS", BUS)).show(NOTICE));
        Path bin = program("notify-send", "echo 'Cannot connect to the session bus' >&2; exit 1");
        assertEquals(Optional.empty(), new NotifySend(Map.of("PATH", bin.toString(),
                "DBUS_SESSION_BUS_ADDRESS", BUS)).show(NOTICE));
    }

    @Test
    void aSessionWithoutABusIsNotAskedToStartOneSoNothingIsWrittenInThePupilsHome() throws Exception {
        Path called = dir.resolve("called.txt");
        Path bin = program("notify-send", ": > " + called);
        Path runtimeDir = Files.createDirectories(dir.resolve("run-user"));

        assertEquals(Optional.empty(), new NotifySend(Map.of("PATH", bin.toString())).show(NOTICE));
        assertEquals(Optional.empty(), new NotifySend(Map.of("PATH", bin.toString(),
                "XDG_RUNTIME_DIR", runtimeDir.toString())).show(NOTICE));
        assertFalse(Files.exists(called), "notify-send never ran without a session bus");

        Files.createFile(runtimeDir.resolve("bus"));
        assertEquals(Optional.of("notify-send"), new NotifySend(Map.of("PATH", bin.toString(),
                "XDG_RUNTIME_DIR", runtimeDir.toString())).show(NOTICE), "the logind session's bus");
        assertTrue(Files.exists(called));
    }

    private Path program(String name, String script) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-" + System.nanoTime()));
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
