package org.vigil.console.store;

import java.util.List;
import java.util.Optional;

/**
 * One alert rule as stored (V14): the names of its choices as text, its named recipients as user ids, and its
 * school (V52; empty: the trust's). The rules package gives it types and meaning.
 */
public record StoredRule(long id, int position, int minSeverity, int maxSeverity, Optional<String> category,
                         String hours, String action, String recipients, boolean webhook, List<Long> namedUserIds,
                         Optional<Long> schoolId) {
    public StoredRule {
        namedUserIds = List.copyOf(namedUserIds);
    }
}
