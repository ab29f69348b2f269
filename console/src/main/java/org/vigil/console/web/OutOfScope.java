package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;

/**
 * Requests for something a user's schools do not hold (ADR 0176). The thing of another school: 403, and an audit
 * row naming the user, the thing and its school. Nothing by that id: a user of every school gets the page's usual
 * "not found", as on a one-school console; a user of fewer schools gets the same 403 as for another school's (the
 * audit row says there was none), so the answer never tells them which ids exist in schools that are not theirs.
 */
public final class OutOfScope {
    private final AuditLog audit;
    private final WebAuth auth;

    public OutOfScope(AuditLog audit, WebAuth auth) {
        this.audit = audit;
        this.auth = auth;
    }

    /**
     * Answers a request the user's scope found nothing for, when {@code schools} (where the thing is, if anywhere)
     * is outside that scope or the user does not work for every school; returns whether it did. When it returns
     * false the caller answers "not found" as before.
     *
     * @param target what was asked for, as the audit log names it ({@code capture:12}, {@code device:abc})
     */
    public boolean refused(Context ctx, Session session, String target, Collection<Long> schools) {
        if (schools.isEmpty() && session.scope().wholeConsole()) {
            return false;
        }
        audit.record(session.username(), "access.denied", target, (schools.isEmpty() ? "no such record"
                : "belongs to school " + String.join(", ", new TreeSet<>(schools).stream().map(String::valueOf)
                .toList())) + "; the user works for " + session.scope().describe());
        auth.forbidden(ctx, session, "This is not in your school's records.");
        return true;
    }

    /** As {@link #refused(Context, Session, String, Collection)} for a thing of at most one school. */
    public boolean refused(Context ctx, Session session, String target, Optional<Long> school) {
        return refused(ctx, session, target, school.stream().toList());
    }
}
