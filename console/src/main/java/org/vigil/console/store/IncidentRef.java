package org.vigil.console.store;

/** Enough of an incident to name and link it (a capture's page, the "add to incident" choices). */
public record IncidentRef(long id, String title, CaptureStatus status) {
}
