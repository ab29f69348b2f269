package org.vigil.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A live queue stream read over real HTTP as a browser's EventSource reads it: every event and comment, in order,
 * and {@link Item#END} when the console closes the stream.
 */
final class SseEvents implements AutoCloseable {
    /** An event (name, id, data) or a comment (name {@code ":"}, the text as data). */
    record Item(String event, String id, String data) {
        static final Item END = new Item("end", "", "");

        boolean isComment() {
            return event.equals(":");
        }

        boolean isKeepAlive() {
            return event.equals("keep-alive");
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    private SseEvents(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream with the session cookie and these extra request headers; the query may be empty. */
    static SseEvents open(Console console, String cookie, String query, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort()
                        + "/events/captures" + query))
                .header("Accept", "text/event-stream")
                .header("Cookie", "vigil_session=" + cookie);
        headers.forEach(request::header);
        return new SseEvents(HttpClient.newHttpClient().send(request.GET().build(),
                HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    /** The next event or comment, if one comes within the wait. */
    Optional<Item> next(Duration wait) throws InterruptedException {
        return Optional.ofNullable(items.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The next event that is neither a comment nor a keep-alive, if one comes within the wait. */
    Optional<Item> nextEvent(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Item> item = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (item.isEmpty() || !(item.get().isComment() || item.get().isKeepAlive())) {
                return item;
            }
        }
    }

    private void read() {
        String event = "message";
        String id = "";
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith(":")) {
                    items.add(new Item(":", "", line.substring(1).strip()));
                } else if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("id: ")) {
                    id = line.substring("id: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                } else if (line.isEmpty() && data.length() > 0) {
                    items.add(new Item(event, id, data.toString()));
                    event = "message";
                    id = "";
                    data.setLength(0);
                }
            }
        } catch (UncheckedIOException e) {
            // the stream was closed under the reader: that is its end too
        }
        items.add(Item.END);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
