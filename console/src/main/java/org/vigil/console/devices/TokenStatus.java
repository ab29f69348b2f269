package org.vigil.console.devices;

import org.vigil.console.store.TokenSummary;

/** An enrolment token with whether it can still enrol a device. */
public record TokenStatus(TokenSummary token, TokenState state) {
}
