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
import org.vigil.console.store.Transactions;

/**
 * Who the pupils are (ADR 0151): full imports from the MIS or the directory, a DSL's link of a stray login to a
 * pupil, and search. An import is one transaction with its audit row: applied whole, or not at all. A pupil absent
 * from a full import from the same source is marked left, never deleted; listed again, they come back.
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
        return transactions.inTransaction(() -> {
            Map<String, Pupil> existing = new HashMap<>();
            pupils.all().forEach(p -> existing.put(p.login(), p));
            checkLinks(listed, existing);
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
                    pupils.insert(pupil, source, actor);
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
            audit.record(actor, "pupils.import", "pupils", source + " full import: " + counts);
            return counts;
        });
    }

    private void checkLinks(List<DirectoryPupil> listed, Map<String, Pupil> existing) {
        List<ImportProblem> problems = listed.stream()
                .filter(p -> !existing.containsKey(p.login()))
                .flatMap(p -> pupils.link(p.login()).stream())
                .map(link -> new ImportProblem(0, "username", "the login " + link.login() + " is one a DSL linked to"
                        + " another pupil (" + link.linkedBy() + "); change it in the MIS or ask the DSL"))
                .toList();
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
    }

    /** The pupil a capture's login belongs to, if the directory knows it. */
    public Optional<Pupil> forLogin(String osUser) {
        return pupils.forLogin(osUser);
    }

    public Optional<Pupil> byDirectoryLogin(String login) {
        return pupils.byDirectoryLogin(Logins.normalise(login));
    }

    /**
     * Links a capture's login that matched no pupil (such as {@code SCHOOL\bsmith}) to the pupil with this directory
     * login; audited. Refused, changing nothing, if the login already belongs to a pupil or the pupil is unknown.
     */
    public Pupil link(String actor, String osUser, String pupilLogin) {
        String login = Logins.normalise(osUser == null ? "" : osUser);
        if (login.isEmpty()) {
            throw new InvalidRequest("Which login? The form needs the capture's login.");
        }
        String target = pupilLogin == null ? "" : pupilLogin.strip();
        if (target.isEmpty()) {
            throw new InvalidRequest("Give the pupil's username from the directory (search for it on the Pupils page).");
        }
        return transactions.inTransaction(() -> {
            Optional<PupilLink> existing = pupils.link(login);
            if (existing.isPresent()) {
                throw new InvalidRequest("Nothing changed: the login " + login + " already belongs to a pupil.");
            }
            Pupil pupil = byDirectoryLogin(target).orElseThrow(() -> new InvalidRequest("Nothing changed: no pupil"
                    + " in the directory has the username " + target + "."));
            pupils.linkByDsl(login, pupil.id(), actor);
            audit.record(actor, "pupil.link", "pupil:" + pupil.login(), "login " + login + " linked by hand");
            return pupil;
        });
    }

    /**
     * The pupils whose name or any login contains the text, any case (Unicode), leavers last; at most {@code limit}.
     */
    public List<Pupil> search(String text, int limit) {
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return pupils.all().stream()
                .filter(p -> matches(p, needle))
                .sorted((a, b) -> Boolean.compare(a.leftAt().isPresent(), b.leftAt().isPresent()))
                .limit(limit)
                .toList();
    }

    private static boolean matches(Pupil pupil, String needle) {
        return needle.isEmpty() || pupil.login().toLowerCase(Locale.ROOT).contains(needle)
                || pupil.fullName().toLowerCase(Locale.ROOT).contains(needle)
                || (pupil.details().familyName() + " " + pupil.details().givenName()).toLowerCase(Locale.ROOT)
                .contains(needle)
                || (pupil.details().familyName() + ", " + pupil.details().givenName()).toLowerCase(Locale.ROOT)
                .contains(needle);
    }

    public List<String> yearGroups() {
        return pupils.yearGroups();
    }

    public List<String> forms() {
        return pupils.forms();
    }
}
