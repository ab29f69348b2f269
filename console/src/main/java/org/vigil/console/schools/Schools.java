package org.vigil.console.schools;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.Transactions;

/**
 * The console's schools (ADR 0175), for the {@code schools} command and the schools page alike: made with a short
 * code and a name, listed, and chosen for a new enrolment token. Every change is audit-logged in its transaction.
 */
public final class Schools {
    public static final int MAX_CODE_LENGTH = 20;
    public static final int MAX_NAME_LENGTH = 120;
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_CODE_LENGTH - 1) + "}");

    private final SchoolRepository schools;
    private final AuditLog audit;
    private final Transactions transactions;

    public Schools(SchoolRepository schools, AuditLog audit, Transactions transactions) {
        this.schools = schools;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Adds a school.
     *
     * @throws InvalidRequest if the code or name is not acceptable or the code is taken; nothing is made
     */
    public School create(String actor, String code, String name) {
        String trimmedCode = code == null ? "" : code.strip();
        String trimmedName = name == null ? "" : name.strip();
        if (!CODE.matcher(trimmedCode).matches()) {
            throw new InvalidRequest("A school's code is 1 to " + MAX_CODE_LENGTH + " lower-case letters, digits"
                    + " and dashes, starting with a letter or digit (e.g. st-marys), not \"" + trimmedCode + "\".");
        }
        if (trimmedName.isEmpty() || trimmedName.length() > MAX_NAME_LENGTH
                || trimmedName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("A school's name is one line of 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        return transactions.inTransaction(() -> {
            School school = schools.create(trimmedCode, trimmedName).orElseThrow(() -> new InvalidRequest(
                    "There is already a school with the code " + trimmedCode + "."));
            audit.record(actor, "school.create", "school:" + school.id(), "code " + school.code() + "; name "
                    + school.name());
            return school;
        });
    }

    /** Makes the user one school's, audited. */
    public void placeUser(String actor, long userId, String username, School school) {
        transactions.run(() -> {
            schools.placeInSchool(userId, school.id());
            audit.record(actor, "user.school", "user:" + username, "school " + school.code());
        });
    }

    /** Makes the user trust-level over these schools, audited. */
    public void placeUserAtTrustLevel(String actor, long userId, String username, List<School> chosen) {
        if (chosen.isEmpty()) {
            throw new InvalidRequest("Choose at least one school for a trust-level user.");
        }
        transactions.run(() -> {
            schools.placeAtTrustLevel(userId, chosen.stream().map(School::id).toList());
            audit.record(actor, "user.schools", "user:" + username, "trust level; schools "
                    + String.join(", ", chosen.stream().map(School::code).toList()));
        });
    }

    /**
     * The schools named by comma-separated codes.
     *
     * @throws InvalidRequest naming the first code that is no school's
     */
    public List<School> byCodes(String codes) {
        return java.util.Arrays.stream(codes.split(",")).map(String::strip).filter(c -> !c.isEmpty()).distinct()
                .map(this::byCode).toList();
    }

    public List<School> list() {
        return schools.list();
    }

    /** The schools of the scope, by id. */
    public List<School> listIn(SchoolScope scope) {
        return schools.list().stream().filter(school -> scope.includes(school.id())).toList();
    }

    /**
     * @throws InvalidRequest if there is no school with the code
     */
    public School byCode(String code) {
        return schools.findByCode(code.strip()).orElseThrow(() -> new InvalidRequest("There is no school with the"
                + " code " + code.strip() + " (see schools list)."));
    }

    /**
     * The school a new token (or user) of someone with this scope belongs to when none is named: their one school,
     * or the first school for someone who works for every school (as a one-school console always did).
     *
     * @throws InvalidRequest if they work for several schools, but not every one, and must choose
     */
    public School defaultFor(SchoolScope scope) {
        List<School> theirs = listIn(scope);
        if (scope.wholeConsole() || theirs.size() == 1) {
            return theirs.get(0);
        }
        throw new InvalidRequest(theirs.isEmpty() ? "Your account works for no school: an admin must give it one."
                : "Choose the school.");
    }

    /** The school named by code, or the default of the scope when none is named. */
    public School chosen(Optional<String> code, SchoolScope scope) {
        return code.map(this::byCode).orElseGet(() -> defaultFor(scope));
    }
}
