package org.vigil.agent.session;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.Event;

/**
 * The helper's events not yet acknowledged by the device service, oldest first: bounded by count and bytes (the
 * helper holds them in memory while the service is down), dropping the oldest when full and counting what it
 * drops. Knows which of them were sent on the current connection, so each is sent once per connection and all
 * are sent again on the next one. Thread-safe.
 */
final class PendingEvents {
    private static final Logger log = LoggerFactory.getLogger(PendingEvents.class);

    private final int maxEvents;
    private final long maxBytes;
    private final List<Event> events = new ArrayList<>();
    private long bytes;
    private int sent;
    private long dropped;

    PendingEvents(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    synchronized void add(Event event) {
        events.add(event);
        bytes += event.getSerializedSize();
        while (events.size() > 1 && (events.size() > maxEvents || bytes > maxBytes)) {
            Event oldest = events.remove(0);
            bytes -= oldest.getSerializedSize();
            sent = Math.max(0, sent - 1);
            dropped++;
            log.warn("dropped event {} waiting for the device service: {} waiting already ({} dropped since start)",
                    oldest.getEventId(), events.size(), dropped);
        }
    }

    /** The events not yet sent on this connection; they count as sent from now. */
    synchronized List<Event> unsent() {
        List<Event> next = List.copyOf(events.subList(sent, events.size()));
        sent = events.size();
        return next;
    }

    /** A new connection: everything not acknowledged is to be sent again. */
    synchronized void reconnected() {
        sent = 0;
    }

    synchronized void acknowledged(String eventId) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getEventId().equals(eventId)) {
                Event done = events.remove(i);
                bytes -= done.getSerializedSize();
                if (i < sent) {
                    sent--;
                }
                return;
            }
        }
    }

    synchronized int size() {
        return events.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
