package org.vigil.console.web;

/**
 * The sign-in form, with an optional message, the username to fill back in, the form's anti-forgery token and
 * where to go once signed in (empty: the user's home page).
 */
public record LoginPage(PageHeader header, String message, String username, String csrfToken, String next) {
}
