package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
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
    void theStreamIsForDslsOnly() throws Exception {
        HttpResponse<String> anonymous = new WebSession(running.get()).get("/events/captures");
        assertEquals(303, anonymous.statusCode());
    }
}
