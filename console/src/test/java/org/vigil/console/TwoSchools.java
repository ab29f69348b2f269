package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * A running console given two schools for one test class (ADR 0175): the first school {@code main} and {@code oak}, added
 * by the admin on the schools page; a DSL and an IT admin of each ({@code main-dsl}, {@code oak-dsl},
 * {@code main-it}), a trust-level DSL over both ({@code trust-dsl}), all made on the users page and signed in over
 * real HTTP; and in each school a device enrolled over real gRPC with that school's token, which sent a capture with
 * a screenshot from its own pupil ({@code main-pupil}, {@code oak-pupil}).
 */
final class TwoSchools {
    private final Console console;
    private WebSession admin;
    private WebSession mainDsl;
    private WebSession oakDsl;
    private WebSession trustDsl;
    private WebSession mainIt;
    private School main;
    private School oak;

    /** A school as the tests see it: its device and the capture that device sent. */
    record School(String code, String deviceId, String deviceSecret, long captureId) {
    }

    private TwoSchools(Console console) {
        this.console = console;
    }

    /** Adds the second school, the staff and the devices to a console whose {@code admin} has this password. */
    static TwoSchools seed(Console console, String adminPassword) throws Exception {
        TwoSchools schools = new TwoSchools(console);
        schools.seed(adminPassword);
        return schools;
    }

    private void seed(String password) throws Exception {
        admin = WebSession.signIn(console(), "admin", password);
        HttpResponse<String> added = admin.post("/schools", Map.of("code", "oak", "name", "Oak Academy"));
        assertEquals(303, added.statusCode(), added.body());
        mainDsl = WebSession.newUser(console(), admin, "main-dsl", "DSL", Map.of("school", "main"));
        oakDsl = WebSession.newUser(console(), admin, "oak-dsl", "DSL", Map.of("school", "oak"));
        trustDsl = WebSession.newUser(console(), admin, "trust-dsl", "DSL", Map.of("trust_schools", "main, oak"));
        mainIt = WebSession.newUser(console(), admin, "main-it", "IT_ADMIN", Map.of("school", "main"));
        main = seed("main", "main-pupil");
        oak = seed("oak", "oak-pupil");
    }

    private School seed(String code, String pupil) throws Exception {
        try (GrpcTestClient client = new GrpcTestClient(console())) {
            EnrollResponse device = client.enroll(console().mintEnrolmentToken(code));
            long id = send(client, device, Events.withScreenshot().setUser(pupil).build());
            return new School(code, device.getDeviceId(), device.getDeviceSecret(), id);
        }
    }

    /** A new IT admin of {@code oak} alone ({@code oak-it}), signed in. */
    WebSession newOakIt() throws Exception {
        return WebSession.newUser(console(), admin, "oak-it", "IT_ADMIN", Map.of("school", "oak"));
    }

    /** A new trust-level IT admin over both schools ({@code trust-it}), signed in. */
    WebSession newTrustIt() throws Exception {
        return WebSession.newUser(console(), admin, "trust-it", "IT_ADMIN", Map.of("trust_schools", "main, oak"));
    }

    /** Sends one more capture from the school's device; returns its id once stored. */
    long sendFrom(School school, Event event) throws Exception {
        try (GrpcTestClient client = new GrpcTestClient(console())) {
            return send(client, EnrollResponse.newBuilder().setDeviceId(school.deviceId())
                    .setDeviceSecret(school.deviceSecret()).build(), event);
        }
    }

    private long send(GrpcTestClient client, EnrollResponse device, Event event) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(event);
            stream.take(Duration.ofSeconds(10));
            ids.add(Db.count(dataDir(), "SELECT id FROM captures WHERE event_id = ?", event.getEventId()));
        }
        return ids.get(0);
    }

    /** How many {@code access.denied} audit rows name this actor and target. */
    long refusals(String actor, String target) {
        return Db.count(dataDir(), "SELECT count(*) FROM audit_log WHERE actor = ? AND action = 'access.denied'"
                + " AND target = ?", actor, target);
    }

    Console console() {
        return console;
    }

    Path dataDir() {
        return console().dataDir();
    }

    WebSession admin() {
        return admin;
    }

    WebSession mainDsl() {
        return mainDsl;
    }

    WebSession oakDsl() {
        return oakDsl;
    }

    WebSession trustDsl() {
        return trustDsl;
    }

    WebSession mainIt() {
        return mainIt;
    }

    School main() {
        return main;
    }

    School oak() {
        return oak;
    }
}
