package org.vigil.console.web;

import org.vigil.console.auth.Session;

/** What every signed-in page shows in its header: who is signed in and the token the sign-out form needs. */
public record PageHeader(String title, String username, String csrfToken) {

    public static PageHeader signedIn(String title, Session session) {
        return new PageHeader(title, session.username(), session.csrfToken());
    }

    public static PageHeader anonymous(String title) {
        return new PageHeader(title, null, null);
    }

    public boolean isSignedIn() {
        return username != null;
    }
}
