package org.vigil.console;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.SignInNotice;

/**
 * One Connect stream, as a test drives it: send messages, take what the console sends back. Sign-in notices, which
 * the console sends to every agent that names a policy version, are kept apart ({@link #takeNotice}), so tests of
 * acks and policy pushes see only those.
 */
final class DeviceStream implements AutoCloseable {
    private final BlockingQueue<ConsoleMessage> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<SignInNotice> notices = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private final StreamObserver<AgentMessage> requests;

    /** @param onMessage runs on the gRPC thread as each message arrives, before the test sees it */
    DeviceStream(GrpcTestClient client, String deviceId, String secret, Consumer<ConsoleMessage> onMessage) {
        this(responses -> client.connect(deviceId, secret, responses), onMessage);
    }

    DeviceStream(GrpcTestClient client, String deviceId, String secret) {
        this(client, deviceId, secret, message -> { });
    }

    /** A stream opened by {@code open} (on a channel of the test's own), handing it the console's answers. */
    DeviceStream(Function<StreamObserver<ConsoleMessage>, StreamObserver<AgentMessage>> open,
                 Consumer<ConsoleMessage> onMessage) {
        this.requests = open.apply(new StreamObserver<>() {
            @Override
            public void onNext(ConsoleMessage message) {
                onMessage.accept(message);
                if (message.hasNotice()) {
                    notices.add(message.getNotice());
                } else {
                    received.add(message);
                }
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    void send(Event event) {
        requests.onNext(AgentMessage.newBuilder().setEvent(event).build());
    }

    void send(AgentMessage message) {
        requests.onNext(message);
    }

    ConsoleMessage take(Duration timeout) throws InterruptedException {
        ConsoleMessage message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("nothing from the console within " + timeout);
        }
        return message;
    }

    /** The next sign-in notice the console sent, waiting up to {@code timeout}. */
    SignInNotice takeNotice(Duration timeout) throws InterruptedException {
        SignInNotice notice = notices.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (notice == null) {
            throw new AssertionError("no sign-in notice from the console within " + timeout);
        }
        return notice;
    }

    /** The next sign-in notice, or null if none comes within {@code timeout}. */
    SignInNotice pollNotice(Duration timeout) throws InterruptedException {
        return notices.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    ConsoleMessage poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean hasEnded() {
        return ended.isDone();
    }

    Status awaitEnd(Duration timeout) throws Exception {
        return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the event on a stream of its own and fails unless the console acks it within the timeout. */
    static void sendAcked(GrpcTestClient client, String deviceId, String secret, Event event, Duration timeout)
            throws InterruptedException {
        try (DeviceStream stream = new DeviceStream(client, deviceId, secret)) {
            stream.send(event);
            ConsoleMessage answer = stream.take(timeout);
            if (!answer.hasAck() || !answer.getAck().getEventId().equals(event.getEventId())) {
                throw new AssertionError("expected the ack of " + event.getEventId() + ", got " + answer);
            }
        }
    }

    @Override
    public void close() {
        try {
            requests.onCompleted();
        } catch (RuntimeException e) {
            // already closed by the console
        }
    }
}
