package org.vigil.console.store;

/** One rota band as stored (V14): a user on a weekday ({@code MONDAY}…) from {@code starts} to {@code ends}. */
public record StoredRotaEntry(long id, String day, String starts, String ends, int position, long userId,
                              String username) {
}
