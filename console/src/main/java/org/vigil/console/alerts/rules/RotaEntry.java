package org.vigil.console.alerts.rules;

/**
 * A DSL on call in a band of the week. {@code position} orders the people on call at the same time: the lowest is
 * first on, the others are deputies in turn.
 */
public record RotaEntry(long id, WeeklyBand band, int position, long userId, String username) {
}
