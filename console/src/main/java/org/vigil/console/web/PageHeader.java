package org.vigil.console.web;

import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;

/**
 * What every page shows in its header: who is signed in, the links their role may follow, and the token every form
 * carries (the session's CSRF token, or before sign-in the sign-in token).
 */
public record PageHeader(String title, String username, String csrfToken, Role role, boolean admin,
                         boolean wholeConsole) {

    public static PageHeader signedIn(String title, Session session) {
        return new PageHeader(title, session.username(), session.csrfToken(), session.role(), session.admin(),
                session.scope().wholeConsole());
    }

    public static PageHeader anonymous(String title) {
        return new PageHeader(title, null, null, null, false, true);
    }

    public boolean isSignedIn() {
        return username != null;
    }

    /** Whether the menu offers capture content (the queue, histories, the audit log). */
    public boolean isDsl() {
        return role == Role.DSL;
    }

    /** Whether the menu offers the reports (the DSL, and the heads and governors who are viewers). */
    public boolean readsReports() {
        return role == Role.DSL || role == Role.VIEWER;
    }

    /** Whether the menu offers the devices page (IT and the DSL; viewers do not). */
    public boolean managesDevices() {
        return role == Role.DSL || role == Role.IT_ADMIN;
    }

    /** Whether the menu offers the school's settings (the DSL, IT and admins; viewers do not). */
    public boolean seesSettings() {
        return role == Role.DSL || role == Role.IT_ADMIN || admin;
    }

    /** Whether the menu offers the wordlists (IT and the DSL manage them; viewers do not). */
    public boolean managesWordlists() {
        return role == Role.DSL || role == Role.IT_ADMIN;
    }

    /**
     * Whether the menu offers their schools' lists ({@code /lists}) in place of the trust's wordlists and groups,
     * which are for users of every school (ADR 0193).
     */
    public boolean managesSchoolLists() {
        return managesWordlists() && !wholeConsole;
    }
}
