package org.vigil.agent.delivery;

import java.util.List;
import org.vigil.proto.v1.Event;

/**
 * Events waiting for the console's {@code Ack}. An event leaves only when acknowledged.
 *
 * <p><b>Not durable yet.</b> The only implementation, {@link InMemoryOutbox}, keeps events in memory: events not
 * acknowledged when the agent stops are lost. The spool issue replaces it with an on-disk spool (lease on send,
 * delete on ack, survives kill -9). Raw typed text never touches disk either way: only finished events.
 */
public interface Outbox {
    /** Adds an event at the end; returns false if it had to be refused or something older was dropped. */
    boolean add(Event event);

    /** Every event not yet acknowledged, oldest first. */
    List<Event> unacked();

    /** Removes the event; returns false if it was not there (a duplicate or late ack). */
    boolean ack(String eventId);

    int depth();
}
