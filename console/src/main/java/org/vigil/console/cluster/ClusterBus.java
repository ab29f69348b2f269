package org.vigil.console.cluster;

import java.util.function.Consumer;

/**
 * Small typed messages between the console instances that share one database (ADR 0172): a message published on
 * one instance reaches the subscribers of every other instance, never the sender's own (each instance acts on its
 * own changes directly). Delivery is best effort: a message lost while the database connection is down is made up
 * by the periodic checks that were there before the bus (policy and revocation every 2 s). Handlers run on the
 * bus's one delivery thread and must hand slow work to a thread of their own.
 */
public interface ClusterBus extends AutoCloseable {

    /** This instance's id, new at each start; the other instances see it as the sender of its messages. */
    String instanceId();

    /** Whether other instances may share the database (PostgreSQL); false for the one SQLite console. */
    boolean clustered();

    /** Sends the message to the other instances; returns at once. */
    void publish(ClusterMessage message);

    /** Runs the handler for each message of the type that another instance publishes from now on. */
    <T extends ClusterMessage> void subscribe(Class<T> type, Consumer<? super T> handler);

    /**
     * Runs the handler each time the bus listens again after losing its connection (never at the first start): what
     * other instances published meanwhile is lost, so a receiver that must miss nothing looks in the database.
     * It runs on the bus's delivery thread, before any message heard on the new connection.
     */
    void onListeningAgain(Runnable handler);

    @Override
    void close();
}
