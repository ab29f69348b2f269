package org.vigil.console.web;

/** The sign-in form, with an optional message, the username to fill back in and the form's anti-forgery token. */
public record LoginPage(PageHeader header, String message, String username, String csrfToken) {
}
