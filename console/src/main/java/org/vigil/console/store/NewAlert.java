package org.vigil.console.store;

/** An alert to put in the outbox: its own id (a UUID that travels with the message), the capture and recipient. */
public record NewAlert(String alertId, long captureId, long userId, String email) {
}
