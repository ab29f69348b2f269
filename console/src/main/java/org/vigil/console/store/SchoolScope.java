package org.vigil.console.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schools a signed-in user works for, passed to every repository query made for them (ADR 0176): the query
 * itself selects only those schools' rows; nothing is loaded and filtered afterwards. {@code wholeConsole}: the
 * user works for every school the console has (any user of a one-school console), so the condition is left out
 * and the SQL is the same as before schools existed.
 */
public record SchoolScope(Set<Long> schoolIds, boolean wholeConsole) {
    /** A one-school console's users: everything. */
    public static final SchoolScope ONE_SCHOOL_CONSOLE = new SchoolScope(Set.of(School.FIRST), true);

    public SchoolScope {
        schoolIds = Set.copyOf(new TreeSet<>(schoolIds));
    }

    /** Whether a row of that school is the user's to see. */
    public boolean includes(long schoolId) {
        return wholeConsole || schoolIds.contains(schoolId);
    }

    /**
     * {@code " AND column IN (?, …)"} for the scope's schools ({@code " AND 1 = 0"} if none), or nothing when the
     * scope is the whole console; bind {@link #values()} in the same place.
     */
    public String condition(String column) {
        if (wholeConsole) {
            return "";
        }
        if (schoolIds.isEmpty()) {
            return " AND 1 = 0";
        }
        return " AND " + column + " IN (" + String.join(", ", schoolIds.stream().map(id -> "?").toList()) + ")";
    }

    /** The values {@link #condition} binds, in order. */
    public List<Object> values() {
        return wholeConsole ? List.of() : new ArrayList<>(new TreeSet<>(schoolIds));
    }

    /** For the audit log: "schools 1, 2", or "every school". */
    public String describe() {
        return wholeConsole ? "every school" : "schools " + String.join(", ",
                new TreeSet<>(schoolIds).stream().map(String::valueOf).toList());
    }
}
