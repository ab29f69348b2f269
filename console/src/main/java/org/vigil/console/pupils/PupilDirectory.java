package org.vigil.console.pupils;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.DirectoryPupil;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.PupilLink;
import org.vigil.console.store.PupilRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.Transactions;

/**
 * Who the pupils are (ADR 0151), school by school (ADR 0205): full imports from the MIS or the directory into one
 * school, a DSL's link of a stray login to a pupil of the capture's school, and search. An import is one transaction
 * with its audit row: applied whole, or not at all, and it compares against, adds to and marks left only that
 * school's pupils. A pupil absent from a full import from the same source is marked left, never deleted; listed
 * again, they come back. The methods without a school are a one-school console's: its only (first) school.
 */
public final class PupilDirectory {
    public static final String CSV = "CSV";
    public static final String LDAP = "LDAP";

    private final PupilRepository pupils;
    private final AuditLog audit;
    private final Transactions transactions;

    public PupilDirectory(PupilRepository pupils, AuditLog audit, Transactions transactions) {
        this.pupils = pupils;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Makes the directory match this full list from {@code source} ({@link #CSV} or {@link #LDAP}). Pupils are
     * matched by their directory login. The audit row holds the counts only: no names.
     *
     * @throws ImportRefused if a login in the list is one a DSL already linked to another pupil (nothing changes)
     */
    public ImportCounts importFull(String actor, String source, List<DirectoryPupil> listed) {
        return importFull(actor, School.FIRST, source, listed);
    }

    /** As {@link #importFull(String, String, List)} into one school: other schools' pupils are not touched. */
    public ImportCounts importFull(String actor, long schoolId, String source, List<DirectoryPupil> listed) {
        return transactions.inTransaction(() -> {
            Map<String, Pupil> existing = new HashMap<>();
            pupils.ofSchool(schoolId).forEach(p -> existing.put(p.login(), p));
            checkLinks(schoolId, listed, existing);
            int added = 0;
            int updated = 0;
            int unchanged = 0;
            Set<String> present = new HashSet<>();
            for (DirectoryPupil listedPupil : listed) {
                present.add(listedPupil.login());
                Pupil before = existing.get(listedPupil.login());
                // a directory holds no safeguarding flags: a synced pupil keeps those the MIS import gave them
                DirectoryPupil pupil = source.equals(LDAP) && before != null ? new DirectoryPupil(listedPupil.login(),
                        listedPupil.givenName(), listedPupil.familyName(), listedPupil.yearGroup(), listedPupil.form(),
                        before.flags()) : listedPupil;
                if (before == null) {
                    pupils.insert(schoolId, pupil, source, actor);
                    added++;
                } else if (before.details().equals(pupil) && before.source().equals(source)
                        && before.leftAt().isEmpty()) {
                    unchanged++;
                } else {
                    pupils.update(before.id(), pupil, source);
                    updated++;
                }
            }
            int left = 0;
            for (Pupil pupil : existing.values()) {
                if (!present.contains(pupil.login()) && pupil.source().equals(source) && pupil.leftAt().isEmpty()) {
                    pupils.markLeft(pupil.id());
                    left++;
                }
            }
            ImportCounts counts = new ImportCounts(added, updated, left, unchanged);
            audit.record(actor, "pupils.import", "school:" + schoolId, source + " full import: " + counts);
            return counts;
        });
    }

    private void checkLinks(long schoolId, List<DirectoryPupil> listed, Map<String, Pupil> existing) {
        List<ImportProblem> problems = listed.stream()
                .filter(p -> !existing.containsKey(p.login()))
                .flatMap(p -> pupils.link(schoolId, p.login()).stream())
                .map(link -> new ImportProblem(0, "username", "the login " + link.login() + " is one a DSL linked to"
                        + " another pupil (" + link.linkedBy() + "); change it in the MIS or ask the DSL"))
                .toList();
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
    }

    /** The pupil of the school a capture's login belongs to, if its directory knows it. */
    public Optional<Pupil> forLogin(long schoolId, String osUser) {
        return pupils.forLogin(schoolId, osUser);
    }

    /** The pupils of the scope's schools a login belongs to (one per school at most), ordered by school. */
    public List<Pupil> forLogin(SchoolScope scope, String osUser) {
        return pupils.forLogin(scope, osUser);
    }

    /** A one-school console's pupil with this login, as {@link #forLogin(long, String)}. */
    public Optional<Pupil> forLogin(String osUser) {
        return forLogin(School.FIRST, osUser);
    }

    public Optional<Pupil> byDirectoryLogin(long schoolId, String login) {
        return pupils.byDirectoryLogin(schoolId, Logins.normalise(login));
    }

    public Optional<Pupil> byDirectoryLogin(String login) {
        return byDirectoryLogin(School.FIRST, login);
    }

    /** A one-school console's link, as {@link #link(String, long, String, String)}. */
    public Pupil link(String actor, String osUser, String pupilLogin) {
        return link(actor, School.FIRST, osUser, pupilLogin);
    }

    /**
     * Links a capture's login that matched no pupil (such as {@code SCHOOL\bsmith}) to the school's pupil with this
     * directory login; audited. Refused, changing nothing, if the login already belongs to one of the school's
     * pupils or the school has no such pupil.
     */
    public Pupil link(String actor, long schoolId, String osUser, String pupilLogin) {
        String login = Logins.normalise(osUser == null ? "" : osUser);
        if (login.isEmpty()) {
            throw new InvalidRequest("Which login? The form needs the capture's login.");
        }
        String target = pupilLogin == null ? "" : pupilLogin.strip();
        if (target.isEmpty()) {
            throw new InvalidRequest("Give the pupil's username from the directory (search for it on the Pupils page).");
        }
        return transactions.inTransaction(() -> {
            Optional<PupilLink> existing = pupils.link(schoolId, login);
            if (existing.isPresent()) {
                throw new InvalidRequest("Nothing changed: the login " + login + " already belongs to a pupil.");
            }
            Pupil pupil = byDirectoryLogin(schoolId, target).orElseThrow(() -> new InvalidRequest("Nothing changed:"
                    + " no pupil in the directory has the username " + target + "."));
            pupils.linkByDsl(schoolId, login, pupil.id(), actor);
            audit.record(actor, "pupil.link", "pupil:" + pupil.login(), "login " + login + " linked by hand");
            return pupil;
        });
    }

    /**
     * The pupils of the scope's schools whose name or any login contains the text, any case (Unicode), leavers
     * last; at most {@code limit}.
     */
    public List<Pupil> search(SchoolScope scope, String text, int limit) {
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return pupils.in(scope).stream()
                .filter(p -> matches(p, needle))
                .sorted((a, b) -> Boolean.compare(a.leftAt().isPresent(), b.leftAt().isPresent()))
                .limit(limit)
                .toList();
    }

    /** Every school's pupils, as {@link #search(SchoolScope, String, int)}. */
    public List<Pupil> search(String text, int limit) {
        return search(SchoolScope.ONE_SCHOOL_CONSOLE, text, limit);
    }

    private static boolean matches(Pupil pupil, String needle) {
        return needle.isEmpty() || pupil.login().toLowerCase(Locale.ROOT).contains(needle)
                || pupil.fullName().toLowerCase(Locale.ROOT).contains(needle)
                || (pupil.details().familyName() + " " + pupil.details().givenName()).toLowerCase(Locale.ROOT)
                .contains(needle)
                || (pupil.details().familyName() + ", " + pupil.details().givenName()).toLowerCase(Locale.ROOT)
                .contains(needle);
    }

    /** The year groups of the scope's pupils who have not left, for the queue's filters. */
    public List<String> yearGroups(SchoolScope scope) {
        return pupils.yearGroups(scope);
    }

    public List<String> forms(SchoolScope scope) {
        return pupils.forms(scope);
    }
}
