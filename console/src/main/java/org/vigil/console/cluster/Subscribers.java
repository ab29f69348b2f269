package org.vigil.console.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of one bus, by message type, and those told when it listens again after a lost connection; a handler
 * that throws is logged and the others still run.
 */
final class Subscribers {
    private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);

    private record Subscription<T extends ClusterMessage>(Class<T> type, Consumer<? super T> handler) {
        void offer(ClusterMessage message) {
            if (type.isInstance(message)) {
                handler.accept(type.cast(message));
            }
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeningAgain = new CopyOnWriteArrayList<>();

    <T extends ClusterMessage> void add(Class<T> type, Consumer<? super T> handler) {
        subscriptions.add(new Subscription<>(type, handler));
    }

    void onListeningAgain(Runnable handler) {
        listeningAgain.add(handler);
    }

    void listeningAgain() {
        for (Runnable handler : listeningAgain) {
            try {
                handler.run();
            } catch (RuntimeException e) {
                LOG.warn("A handler of the bus listening again failed", e);
            }
        }
    }

    void deliver(ClusterMessage message) {
        for (Subscription<?> subscription : subscriptions) {
            try {
                subscription.offer(message);
            } catch (RuntimeException e) {
                LOG.warn("A handler of cluster message {} failed", message, e);
            }
        }
    }
}
