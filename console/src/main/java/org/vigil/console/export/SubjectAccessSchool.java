package org.vigil.console.export;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;

/**
 * Which school's pupil a subject access request is about (ADR 0206): a login is unique per school (ADR 0205), so
 * the export holds one school's records. The school named with the request, else the one school of the requester's
 * that holds the login; a one-school console answers for the whole console, as it always did.
 */
public final class SubjectAccessSchool {
    private final SchoolRepository schools;

    public SubjectAccessSchool(SchoolRepository schools) {
        this.schools = schools;
    }

    /**
     * The scope to export with, or empty when the login is held by none of the requester's schools (the caller
     * refuses, naming {@link #schoolsOfLogin}).
     *
     * @param named the school the request names, already checked to be the requester's
     * @throws InvalidRequest when the login is held at several of the requester's schools and none is named
     */
    public Optional<SchoolScope> of(String login, Optional<Long> named, SchoolScope requester) {
        if (login == null || login.isBlank()) {
            throw new InvalidRequest("Whose data? Give the pupil's login.");
        }
        boolean oneSchool = schools.list().size() == 1;
        if (named.isPresent()) {
            return Optional.of(only(named.get(), oneSchool));
        }
        List<Long> theirs = schoolsOfLogin(login).stream().filter(requester::includes).sorted().toList();
        if (theirs.size() == 1) {
            return Optional.of(only(theirs.get(0), oneSchool));
        }
        if (theirs.size() > 1) {
            throw new InvalidRequest(login + " is a login at more than one school ("
                    + String.join(", ", theirs.stream().map(this::code).toList())
                    + "): name the school whose pupil made the request.");
        }
        if (requester.wholeConsole() && schoolsOfLogin(login).isEmpty()) {
            if (oneSchool) {
                return Optional.of(SchoolScope.ONE_SCHOOL_CONSOLE);
            }
            throw new InvalidRequest("No school holds " + login + ": name the school whose pupil made the request.");
        }
        return Optional.empty();
    }

    /** The schools whose pupils or captures have the login. */
    public Set<Long> schoolsOfLogin(String login) {
        return login == null ? Set.of() : schools.schoolsOfLogin(login.strip());
    }

    private static SchoolScope only(long schoolId, boolean oneSchool) {
        return oneSchool ? SchoolScope.ONE_SCHOOL_CONSOLE : new SchoolScope(Set.of(schoolId), false);
    }

    private String code(long schoolId) {
        return schools.findById(schoolId).map(School::code).orElse(String.valueOf(schoolId));
    }
}
