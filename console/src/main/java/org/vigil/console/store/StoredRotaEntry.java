package org.vigil.console.store;

import java.util.Optional;

/**
 * One rota band as stored (V14): a user on a weekday ({@code MONDAY}…) from {@code starts} to {@code ends}, on the
 * trust's rota (no school) or a school's own (V52).
 */
public record StoredRotaEntry(long id, String day, String starts, String ends, int position, long userId,
                              String username, Optional<Long> schoolId) {
}
