package org.vigil.console.alerts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.vigil.console.store.PendingAlert;

/**
 * POSTs an alert to the webhook with {@link HttpClient}: JSON, signed with {@code X-Vigil-Signature: sha256=<hex
 * HMAC-SHA256 of the exact body bytes>} and carrying {@code X-Vigil-Alert-Id}. Delivered means any 2xx answer;
 * anything else, or no answer within the timeout (connect, and the whole exchange), is a failure whose message holds
 * the status and at most {@value #MAX_RESPONSE_CHARS} characters of the answer. Redirects are not followed: the
 * signed alert goes to the configured address or nowhere.
 */
public final class WebhookTransport implements AlertDelivery {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    public static final String ALERT_ID_HEADER = "X-Vigil-Alert-Id";
    static final int MAX_RESPONSE_CHARS = 200;
    private static final String HMAC = "HmacSHA256";

    private final WebhookSettings settings;
    private final WebhookMessage message;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookTransport(WebhookSettings settings, WebhookMessage message, Duration timeout) {
        this.settings = settings;
        this.message = message;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Values a recorded error must never show: the secret, and the URL and its path (Teams and Slack tokens). */
    public List<String> secrets() {
        String path = settings.url().getRawPath();
        return path == null || path.length() <= 1
                ? List.of(settings.secret(), settings.url().toString())
                : List.of(settings.secret(), settings.url().toString(), path);
    }

    @Override
    public void deliver(PendingAlert alert) throws IOException, InterruptedException {
        byte[] body = message.body(alert);
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Vigil")
                .header(ALERT_ID_HEADER, alert.alertId())
                .header(SIGNATURE_HEADER, signature(settings.secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                info -> new FirstBytes(MAX_RESPONSE_CHARS * 4));
        HttpResponse<byte[]> response;
        try {
            // the request timeout covers the answer's headers; this bounds a receiver that then stalls its body
            response = exchange.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("the webhook did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("webhook request failed", e.getCause());
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String answer = new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                    .replaceAll("\\p{Cntrl}", "").strip();
            throw new IOException("the webhook answered HTTP " + status + (answer.isEmpty() ? "" : ": "
                    + (answer.length() <= MAX_RESPONSE_CHARS ? answer : answer.substring(0, MAX_RESPONSE_CHARS))));
        }
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of the body with the secret (UTF-8) as key. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Keeps the first bytes of an answer and drops the rest: a receiver's error page cannot fill the memory. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int room = limit - kept.size();
                int take = Math.min(room, buffer.remaining());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                kept.write(chunk, 0, take);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }
}
