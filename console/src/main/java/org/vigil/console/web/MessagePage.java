package org.vigil.console.web;

/** A page with just a heading and a sentence (forbidden, not found). */
public record MessagePage(PageHeader header, String heading, String message) {
}
