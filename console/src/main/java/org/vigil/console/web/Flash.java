package org.vigil.console.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.console.auth.Session;

/**
 * A one-time message for the page a form redirects to ("Note added."), kept per session on the server so that a
 * crafted link cannot put words on a DSL's page.
 */
public final class Flash {
    private final Map<String, String> bySession = new ConcurrentHashMap<>();

    void put(Session session, String message) {
        bySession.put(session.id(), message);
    }

    Optional<String> take(Session session) {
        return Optional.ofNullable(bySession.remove(session.id()));
    }
}
