package org.vigil.console.web;

/** The sign-in form, with an optional message and the username to fill back in. */
public record LoginPage(PageHeader header, String message, String username) {
}
