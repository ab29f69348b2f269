package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveQueueTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);

    @Test
    void aNewCaptureIsPushedToAnOpenQueueAsAServerSentEvent() throws Exception {
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.get().httpPort() + "/events/captures"))
                .header("Accept", "text/event-stream")
                .header("Cookie", "vigil_session=" + dsl.sessionCookie()).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"),
                stream.headers().map().toString());
        Iterator<String> lines = stream.body().iterator();
        assertEquals(": connected", lines.next());

        CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
            boolean capture = false;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.equals("event: capture")) {
                    capture = true;
                } else if (capture && line.startsWith("data: ")) {
                    return line.substring("data: ".length());
                }
            }
            return "";
        });
        Seeder.send(running.get(), running.get().dataDir(), List.of(Events.valid().setSeverity(5).setMatchedText("<b>bold</b>").build()));
        String json = data.get(10, TimeUnit.SECONDS);
        assertTrue(json.contains("\"severity\":5"), json);
        assertTrue(json.contains("\"pupil\":\"pupil07\""), json);
        assertTrue(json.contains("\"matched\":\"<b>bold</b>\""), "sent as data; the page inserts it as text: " + json);
        stream.body().close();
    }

    @Test
    void theStreamIsForDslsOnlyAndTellsAScriptSoWithAStatusNotARedirect() throws Exception {
        HttpResponse<String> anonymous = new WebSession(running.get()).get("/events/captures");
        assertEquals(401, anonymous.statusCode());
        WebSession it = WebSession.newUser(running.get(), WebSession.signIn(running.get(), "admin", PASSWORD),
                "it-live", "IT_ADMIN");
        assertEquals(403, it.get("/events/captures").statusCode());
    }

    @Test
    void aStreamOpenedWithLastEventIdGetsExactlyTheCapturesStoredAfterItThenLiveOnesOnce() throws Exception {
        List<Long> stored = Seeder.send(running.get(), running.get().dataDir(), List.of(
                Events.valid().setSeq(1).build(), Events.valid().setSeq(2).build(),
                Events.valid().setSeq(3).setSeverity(5).build()));
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        try (SseEvents events = SseEvents.open(running.get(), dsl.sessionCookie(), "",
                Map.of("Last-Event-ID", String.valueOf(stored.get(0))))) {
            assertEquals(200, events.status());
            assertEquals(List.of(stored.get(1), stored.get(2)), captureIds(events, 2));
            List<Long> live = Seeder.send(running.get(), running.get().dataDir(), List.of(
                    Events.valid().setSeq(1).build()));
            assertEquals(live, captureIds(events, 1), "the next event is the live capture, nothing twice");
            assertEquals(Optional.empty(), events.nextEvent(Duration.ofMillis(500)));
        }
    }

    @Test
    void aLiveRowNamesThePupilAsThePageDoes() throws Exception {
        assertEquals(null, Db.tryUpdate(running.get().dataDir(), "INSERT INTO pupils (login, given_name, family_name,"
                + " year_group, form, child_protection_plan, source, updated_at)"
                + " VALUES ('sse-pupil', 'Nell', 'Oduya', '9', '9B', 1, 'CSV', 0)"));
        assertEquals(null, Db.tryUpdate(running.get().dataDir(), "INSERT INTO pupil_logins (login, pupil_id, source,"
                + " linked_by, linked_at) SELECT 'sse-pupil', id, 'DIRECTORY', 'import', 0 FROM pupils"
                + " WHERE login = 'sse-pupil'"));
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        long since = Db.count(running.get().dataDir(), "SELECT coalesce(max(id), 0) FROM captures");
        Seeder.send(running.get(), running.get().dataDir(), List.of(
                Events.valid().setSeq(1).setUser("SSE-Pupil").build(),
                Events.valid().setSeq(2).setUser("sse-stranger").build()));
        try (SseEvents events = SseEvents.open(running.get(), dsl.sessionCookie(), "?since=" + since, Map.of())) {
            String known = events.nextEvent(Duration.ofSeconds(10)).orElseThrow().data();
            assertTrue(known.contains("\"pupil\":\"SSE-Pupil\",\"inDirectory\":true,\"pupilName\":\"Nell Oduya\","
                    + "\"pupilYear\":\"Year 9, 9B\",\"pupilFlags\":[\"CP plan\"]"), known);
            String stranger = events.nextEvent(Duration.ofSeconds(10)).orElseThrow().data();
            assertTrue(stranger.contains("\"pupil\":\"sse-stranger\",\"inDirectory\":false,\"pupilName\":\"\","
                    + "\"pupilYear\":\"\",\"pupilFlags\":[]"), stranger);
        }
    }

    @Test
    void thePageCursorCatchesUpToo() throws Exception {
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        long since = Db.count(running.get().dataDir(), "SELECT coalesce(max(id), 0) FROM captures");
        List<Long> missed = Seeder.send(running.get(), running.get().dataDir(), List.of(
                Events.valid().setSeq(1).setSeverity(5).setMatchedText("end my life").build()));
        try (SseEvents events = SseEvents.open(running.get(), dsl.sessionCookie(), "?since=" + since, Map.of())) {
            SseEvents.Item item = events.nextEvent(Duration.ofSeconds(10)).orElseThrow();
            assertEquals("capture", item.event());
            assertEquals(String.valueOf(missed.get(0)), item.id());
            assertTrue(item.data().contains("\"severity\":5"), item.data());
            assertEquals(Optional.empty(), events.nextEvent(Duration.ofMillis(500)));
        }
        try (SseEvents upToDate = SseEvents.open(running.get(), dsl.sessionCookie(), "?since=" + missed.get(0),
                Map.of())) {
            assertEquals(Optional.empty(), upToDate.nextEvent(Duration.ofMillis(500)), "nothing after the newest");
        }
    }

    @Test
    void theQueuePageNamesTheNewestCaptureForItsStreamToCatchUpFrom() throws Exception {
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        List<Long> stored = Seeder.send(running.get(), running.get().dataDir(), List.of(
                Events.valid().setSeq(1).build()));
        String page = dsl.get("/captures").body();
        assertTrue(page.contains("data-since=\"" + stored.get(0) + "\""), page);
        assertTrue(page.contains("id=\"live-connection\" class=\"live-connection\" role=\"alert\""), page);
        assertTrue(page.contains("data-sign-in=\"/login?next=%2Fcaptures%3F"), page);
    }

    @Test
    void theProbeAnswers200WhileSignedInAnd401After() throws Exception {
        WebSession dsl = WebSession.signIn(running.get(), "admin", PASSWORD);
        HttpResponse<String> live = dsl.get("/session");
        assertEquals(200, live.statusCode());
        assertTrue(live.body().contains("\"signedIn\":true"), live.body());
        assertEquals("no-store", live.headers().firstValue("Cache-Control").orElse(""));
        String cookie = dsl.sessionCookie();
        dsl.refreshCsrf("/captures");
        assertEquals(303, dsl.post("/logout", Map.of()).statusCode());
        WebSession replay = new WebSession(running.get());
        replay.setSessionCookie(cookie);
        HttpResponse<String> ended = replay.get("/session");
        assertEquals(401, ended.statusCode());
        assertEquals(401, new WebSession(running.get()).get("/session").statusCode());
    }

    @Test
    void signingInAgainFromTheQueueReturnsToTheQueueButNeverToAnotherSite() throws Exception {
        WebSession browser = new WebSession(running.get());
        String form = browser.get("/login?next=%2Fcaptures%3Fstatus%3DNEW").body();
        assertTrue(form.contains("name=\"next\" value=\"/captures?status=NEW\""), form);
        assertFalse(new WebSession(running.get()).get("/login?next=%2F%2Fevil.example").body()
                .contains("name=\"next\""));
        assertFalse(new WebSession(running.get()).get("/login?next=https%3A%2F%2Fevil.example").body()
                .contains("name=\"next\""));
    }

    private static List<Long> captureIds(SseEvents events, int count) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SseEvents.Item item = events.nextEvent(Duration.ofSeconds(10)).orElseThrow();
            assertEquals("capture", item.event(), item.toString());
            assertTrue(item.data().contains("\"id\":" + item.id() + ","), item.toString());
            ids.add(Long.parseLong(item.id()));
        }
        return ids;
    }
}
