package org.vigil.console.cluster;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The bus inside one process: members of one {@link Hub} hear each other. A SQLite console is the only member of
 * its hub ({@link #alone()}), so publishing costs a loop over no one. Delivery runs on the publisher's thread.
 */
public final class InProcessBus implements ClusterBus {
    private final Hub hub;
    private final String instanceId = newInstanceId();
    private final Subscribers subscribers = new Subscribers();

    /** Instances that hear each other. */
    public static final class Hub {
        private final List<InProcessBus> members = new CopyOnWriteArrayList<>();

        public InProcessBus join() {
            InProcessBus bus = new InProcessBus(this);
            members.add(bus);
            return bus;
        }
    }

    private InProcessBus(Hub hub) {
        this.hub = hub;
    }

    /** The bus of a console that is the only instance on its database (SQLite). */
    public static InProcessBus alone() {
        return new Hub().join();
    }

    /** A short random id: twelve hex digits, new at each start. */
    static String newInstanceId() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "c" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public boolean clustered() {
        return hub.members.size() > 1;
    }

    @Override
    public void publish(ClusterMessage message) {
        for (InProcessBus member : hub.members) {
            if (member != this) {
                member.subscribers.deliver(message);
            }
        }
    }

    @Override
    public <T extends ClusterMessage> void subscribe(Class<T> type, Consumer<? super T> handler) {
        subscribers.add(type, handler);
    }

    /** Members of one process never lose each other, so the handler never runs. */
    @Override
    public void onListeningAgain(Runnable handler) {
        subscribers.onListeningAgain(handler);
    }

    @Override
    public void close() {
        hub.members.remove(this);
    }
}
