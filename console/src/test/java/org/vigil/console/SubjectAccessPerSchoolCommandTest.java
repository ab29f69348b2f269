package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.PupilsCommand;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.School;
import org.vigil.testing.SettableClock;

/**
 * {@code pupils sar LOGIN --school CODE} on a console of two schools (issue 17, ADR 0206): {@code jsmith} is a pupil
 * at main and another at oak; the command refuses to guess which, and with {@code --school} the zip holds only that
 * school's captures and directory entry; a login at one school needs no {@code --school}.
 */
class SubjectAccessPerSchoolCommandTest {
    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dataDir;
    @TempDir
    Path out;

    private final SettableClock clock = new SettableClock(START);
    private long atMain;
    private long atOak;
    private long onlyAtOak;

    @BeforeEach
    void jsmithAtBothSchools() throws IOException {
        try (ConsoleServices services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock)) {
            School oak = services.schools().create("admin", "oak", "Oak Academy");
            String mainDevice = device(services, School.FIRST);
            String oakDevice = device(services, oak.id());
            atMain = store(services, mainDevice, 1, "jsmith");
            atOak = store(services, oakDevice, 1, "jsmith");
            onlyAtOak = store(services, oakDevice, 2, "olu");
        }
        Path mainCsv = Files.writeString(out.resolve("main.csv"), "Username,Forename,Surname,Year,Form\n"
                + "jsmith,Jack,Smith,7,7J\n");
        Path oakCsv = Files.writeString(out.resolve("oak.csv"), "Username,Forename,Surname,Year,Form\n"
                + "jsmith,Jane,Smith,10,10K\n");
        pupils("import", mainCsv.toString(), "--school", "main");
        pupils("import", oakCsv.toString(), "--school", "oak");
    }

    @Test
    void theSchoolMustBeNamedAndItsExportHoldsOnlyItsPupil() throws Exception {
        Path unnamed = out.resolve("unnamed.zip");
        InvalidRequest refused = assertThrows(InvalidRequest.class,
                () -> pupils("sar", "jsmith", "--to", unnamed.toString(), "--request", "letter"));
        assertTrue(refused.getMessage().contains("more than one school (main, oak)"), refused.getMessage());
        assertFalse(Files.exists(unnamed));
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"));

        Path zip = out.resolve("oak-jsmith.zip");
        String said = pupils("sar", "jsmith", "--school", "oak", "--to", zip.toString(), "--request", "Jane's letter");
        assertTrue(said.startsWith("wrote " + zip + ": 1 captures,"), said);
        JsonNode json = new ObjectMapper().readTree(SubjectAccessCommandTest.unzip(Files.readAllBytes(zip))
                .get("records.json"));
        assertEquals(List.of(atOak), ids(json));
        assertEquals("Jane", json.get("directory").get("givenName").asText());
        assertEquals("jsmith", json.get("directory").get("logins").get(0).asText());
        assertFalse(json.toString().contains("Jack"), "nothing of main's jsmith");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log a JOIN audit_log_schools s"
                + " ON s.audit_id = a.id JOIN schools k ON k.id = s.school_id WHERE a.action = 'pupil.subject-access'"
                + " AND k.code = 'oak' AND a.detail LIKE '1 captures of schools %: Jane''s letter'"));

        Path mainZip = out.resolve("main-jsmith.zip");
        pupils("sar", "jsmith", "--school", "main", "--to", mainZip.toString(), "--request", "Jack's letter");
        assertEquals(List.of(atMain), ids(new ObjectMapper().readTree(SubjectAccessCommandTest.unzip(
                Files.readAllBytes(mainZip)).get("records.json"))));
    }

    @Test
    void aLoginAtOneSchoolNeedsNoSchoolAndAnUnknownSchoolIsRefused() throws Exception {
        Path zip = out.resolve("olu.zip");
        pupils("sar", "olu", "--to", zip.toString(), "--request", "Olu's request");
        assertEquals(List.of(onlyAtOak), ids(new ObjectMapper().readTree(SubjectAccessCommandTest.unzip(
                Files.readAllBytes(zip)).get("records.json"))));

        Path none = out.resolve("none.zip");
        InvalidRequest unknown = assertThrows(InvalidRequest.class, () -> pupils("sar", "jsmith", "--school", "elm",
                "--to", none.toString(), "--request", "letter"));
        assertTrue(unknown.getMessage().startsWith("There is no school with the code elm"), unknown.getMessage());
        assertFalse(Files.exists(none));
    }

    private static List<Long> ids(JsonNode json) {
        List<Long> ids = new ArrayList<>();
        json.get("captures").forEach(capture -> ids.add(capture.get("id").asLong()));
        return ids;
    }

    private static String device(ConsoleServices services, long schoolId) {
        long token = services.enrolmentTokens().create("test", "test", 30, Optional.empty(), schoolId).id();
        String deviceId = UUID.randomUUID().toString();
        services.devices().insert(new NewDevice(deviceId, "hash", "laptop", "linux", "1", "pupil", token));
        return deviceId;
    }

    private long store(ConsoleServices services, String deviceId, long seq, String pupil) {
        String eventId = UUID.randomUUID().toString();
        services.captures().storeIfAbsent(new NewCapture(eventId, deviceId, seq, clock.millis(), pupil, "Chat",
                "chrome", "cse-grooming", 5, "cse-grooming.txt:4", "delete our chats", "delete our chats", 0, 16,
                "listed", Optional.empty()));
        return Db.captureId(dataDir, eventId);
    }

    private String pupils(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", dataDir.toString()));
        return PupilsCommand.run(all, clock);
    }
}
