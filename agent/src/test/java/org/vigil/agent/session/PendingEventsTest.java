package org.vigil.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.proto.v1.Event;

class PendingEventsTest {
    @Test
    void whenFullTheOldestGoAndAreCounted() {
        PendingEvents pending = new PendingEvents(2, Long.MAX_VALUE);

        pending.add(event("a"));
        pending.add(event("b"));
        pending.add(event("c"));

        assertEquals(List.of("b", "c"), ids(pending.unsent()));
        assertEquals(1, pending.dropped());
    }

    @Test
    void aNewEventAloneOverTheByteBoundIsStillKept() {
        PendingEvents pending = new PendingEvents(10, 1);

        pending.add(event("big-1"));
        pending.add(event("big-2"));

        assertEquals(List.of("big-2"), ids(pending.unsent()));
        assertEquals(1, pending.dropped());
    }

    @Test
    void eachIsSentOncePerConnectionAndWhatIsNotAckedIsSentAgainOnTheNext() {
        PendingEvents pending = new PendingEvents(10, Long.MAX_VALUE);
        pending.add(event("a"));
        pending.add(event("b"));
        assertEquals(List.of("a", "b"), ids(pending.unsent()));
        pending.add(event("c"));
        assertEquals(List.of("c"), ids(pending.unsent()));

        pending.acknowledged("a");
        pending.reconnected();

        assertEquals(List.of("b", "c"), ids(pending.unsent()));
        assertEquals(List.of(), ids(pending.unsent()));
        assertEquals(2, pending.size());
    }

    private static Event event(String id) {
        return Event.newBuilder().setEventId(id).setMatchedText("everyone hates you").build();
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::getEventId).toList();
    }
}
