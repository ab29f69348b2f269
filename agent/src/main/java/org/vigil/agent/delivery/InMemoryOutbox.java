package org.vigil.agent.delivery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.Event;

/**
 * A bounded in-memory {@link Outbox}. <b>Not durable:</b> what is not acknowledged is lost when the agent stops.
 * When full, the oldest event is dropped (and logged) to make room. Thread-safe.
 */
public final class InMemoryOutbox implements Outbox {
    private static final Logger log = LoggerFactory.getLogger(InMemoryOutbox.class);

    private final int capacity;
    private final Map<String, Event> events = new LinkedHashMap<>();

    public InMemoryOutbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean add(Event event) {
        boolean roomy = true;
        if (!events.containsKey(event.getEventId()) && events.size() >= capacity) {
            Iterator<Event> oldest = events.values().iterator();
            Event dropped = oldest.next();
            oldest.remove();
            roomy = false;
            log.warn("outbox full ({} events not acknowledged): dropped capture {} (category {}, severity {})",
                    capacity, dropped.getEventId(), dropped.getCategory(), dropped.getSeverity());
        }
        events.put(event.getEventId(), event);
        return roomy;
    }

    @Override
    public synchronized List<Event> unacked() {
        return new ArrayList<>(events.values());
    }

    @Override
    public synchronized boolean ack(String eventId) {
        return events.remove(eventId) != null;
    }

    @Override
    public synchronized int depth() {
        return events.size();
    }
}
