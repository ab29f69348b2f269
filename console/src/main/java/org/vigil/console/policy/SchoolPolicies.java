package org.vigil.console.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.PolicyAction;
import org.vigil.console.store.PolicyChange;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.Transactions;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * Lists per school with the trust's as the default (ADR 0193): each school's changes ({@link SchoolLayer}) are
 * versions of their own in the policy tables, edited from a base version, validated by combining them with the
 * trust's lists and compiling every group before anything is stored, and audited with the school. A trust change
 * that a school's changes no longer fit is refused, naming the school.
 */
public final class SchoolPolicies {
    private static final Logger LOG = LoggerFactory.getLogger(SchoolPolicies.class);
    /** The base of a school's first change: it had none. */
    public static final String NO_CHANGES = "none";
    private static final int CACHED = 512;

    private final Policies trust;
    private final PolicyRepository store;
    private final SchoolRepository schools;
    private final AuditLog audit;
    private final Transactions transactions;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, EffectivePolicies> combined = new ConcurrentHashMap<>();

    public SchoolPolicies(Policies trust, PolicyRepository store, SchoolRepository schools, AuditLog audit,
                          Transactions transactions) {
        this.trust = trust;
        this.store = store;
        this.schools = schools;
        this.audit = audit;
        this.transactions = transactions;
        trust.addCheck(this::checkEverySchoolAgainst);
    }

    /** Adds what runs once a school's change is committed (the console's policy push and cluster bus). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** A school's changes in force: the change log entry (empty if it has changed nothing) and their files. */
    public Layer layer(long school) {
        Optional<PolicyChange> change = store.current(Optional.of(school));
        return new Layer(change, change.map(c -> store.bundle(c.version()).orElseThrow())
                .orElse(SchoolLayer.NO_CHANGES));
    }

    /** The school's change log, newest first. */
    public List<PolicyChange> changes(long school, int limit) {
        return store.changes(Optional.of(school), limit);
    }

    /** What each group of the school's devices runs now. */
    public EffectivePolicies effective(long school) {
        return snapshot().forSchool(school);
    }

    /** The groups a device of the school may join: the trust's and the school's own. */
    public SortedSet<String> groups(long school) {
        return effective(school).policy().groups();
    }

    /** Every school's lists as they are now, read with two queries (a push judges every open stream with one). */
    public Snapshot snapshot() {
        return new Snapshot(trust.effectivePolicies(), store.currentBySchool());
    }

    /**
     * Replaces (or adds) one file of the school's changes and publishes the result to the school's devices.
     *
     * @param base the school's version the person looked at, or {@link #NO_CHANGES}
     * @throws WordlistFormatException if the file cannot be used with the trust's lists; nothing changes
     * @throws PolicyConflict          if the school's changes moved on from {@code base}; nothing changes
     */
    public Policies.Outcome editFile(long school, String base, String file, String text, String author,
                                     Optional<String> reason) {
        if (!SchoolLayer.isLayerFile(file)) {
            throw new WordlistFormatException(file, 0, "a school changes " + SchoolLayer.SCHOOL_FILE
                    + " or a group file, groups/<id> with the id in lower-case letters, digits and '-'");
        }
        return publish(school, base, baseLayer(school, base).with(file, text), PolicyAction.EDIT, author, reason);
    }

    /**
     * Publishes the school's changes without one file (its school-wide directives, or one of its groups).
     *
     * @throws NoSuchGroup if the school's changes have no such file
     */
    public Policies.Outcome removeFile(long school, String base, String file, String author,
                                       Optional<String> reason) {
        WordlistBundle layer = baseLayer(school, base);
        if (!layer.files().containsKey(file)) {
            throw new NoSuchGroup(GroupOverrides.groupOf(file).orElse(file));
        }
        return publish(school, base, layer.without(file), PolicyAction.EDIT, author, reason);
    }

    private WordlistBundle baseLayer(long school, String base) {
        if (base.equals(NO_CHANGES)) {
            return SchoolLayer.NO_CHANGES;
        }
        return store.bundle(base).orElseThrow(() -> new PolicyConflict(base, inForce(school)));
    }

    private String inForce(long school) {
        return store.current(Optional.of(school)).map(PolicyChange::version).orElse(NO_CHANGES);
    }

    private Policies.Outcome publish(long schoolId, String base, WordlistBundle layer, PolicyAction action,
                                     String author, Optional<String> reason) {
        School school = schools.findById(schoolId)
                .orElseThrow(() -> new IllegalArgumentException("no school with id " + schoolId));
        Policies.validated(SchoolLayer.combine(trust.current().bundle(), layer, school.code()));
        Optional<String> why = reason.map(String::strip).filter(text -> !text.isEmpty());
        Optional<String> expected = base.equals(NO_CHANGES) ? Optional.empty() : Optional.of(base);
        Policies.Outcome outcome = transactions.inTransaction(() -> {
            Optional<PolicyChange> inForce = store.current(Optional.of(schoolId));
            if (inForce.isPresent() && inForce.get().version().equals(layer.version())) {
                return new Policies.Outcome(inForce.get(), false);
            }
            PolicyChange change = store.makeCurrent(Optional.of(schoolId), layer, expected, action, author, why)
                    .orElseThrow(() -> new PolicyConflict(base, inForce.map(PolicyChange::version)
                            .orElse(NO_CHANGES)));
            audit.record(author, "policy." + action.name().toLowerCase(Locale.ROOT), "policy:" + change.version(),
                    "school " + school.code() + why.map(text -> ": " + text).orElse(""));
            return new Policies.Outcome(change, true);
        });
        if (outcome.changed()) {
            LOG.info("{} made version {} of school {}'s changes current", author, outcome.current().version(),
                    school.code());
            transactions.afterCommit(() -> listeners.forEach(Runnable::run));
        }
        return outcome;
    }

    /** A trust version every school's changes must still fit: refused, naming the school, if one does not. */
    private void checkEverySchoolAgainst(WordlistBundle candidate) {
        store.currentBySchool().forEach((schoolId, version) -> {
            String code = codeOf(schoolId);
            try {
                Policies.validated(SchoolLayer.combine(candidate, store.bundle(version).orElseThrow(), code));
            } catch (WordlistFormatException e) {
                throw new WordlistFormatException(e.source(), e.line(), "school " + code
                        + "'s changes would no longer fit the trust's lists: " + e.reason());
            }
        });
    }

    private String codeOf(long schoolId) {
        return schools.findById(schoolId).map(School::code).orElse("#" + schoolId);
    }

    private EffectivePolicies combined(EffectivePolicies trustLists, long schoolId, String layerVersion) {
        String key = trustLists.version() + ' ' + schoolId + ' ' + layerVersion;
        EffectivePolicies known = combined.get(key);
        if (known != null) {
            return known;
        }
        if (combined.size() >= CACHED) {
            combined.clear();
        }
        String code = codeOf(schoolId);
        WordlistBundle layer = store.bundle(layerVersion).orElseThrow();
        EffectivePolicies made;
        try {
            made = new EffectivePolicies(SchoolLayer.combine(trustLists.policy(), layer, code));
        } catch (WordlistFormatException e) {
            // only a trust version written around the check (the wordlists command) gets here: the school's
            // devices keep the trust's lists, the safe default, until its changes are mended
            LOG.warn("school {}'s changes do not fit trust version {}: {}", code, trustLists.version(),
                    e.getMessage());
            made = trustLists;
        }
        combined.put(key, made);
        return made;
    }

    /** A school's changes in force; {@code change} is empty if it has made none. */
    public record Layer(Optional<PolicyChange> change, WordlistBundle files) {
        /** The version a change made now is made from. */
        public String version() {
            return change.map(PolicyChange::version).orElse(NO_CHANGES);
        }
    }

    /** The trust's lists and each school's changes at one moment. */
    public final class Snapshot {
        private final EffectivePolicies trustLists;
        private final Map<Long, String> layers;

        Snapshot(EffectivePolicies trustLists, Map<Long, String> layers) {
            this.trustLists = trustLists;
            this.layers = Map.copyOf(layers);
        }

        /** Whether no school has changed the trust's lists: every device runs its group's trust lists. */
        public boolean trustOnly() {
            return layers.isEmpty();
        }

        public EffectivePolicies forSchool(long school) {
            String layer = layers.get(school);
            return layer == null ? trustLists : combined(trustLists, school, layer);
        }
    }
}
