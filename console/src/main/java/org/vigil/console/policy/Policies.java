package org.vigil.console.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.PolicyAction;
import org.vigil.console.store.PolicyChange;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.Transactions;
import org.vigil.console.terms.TermChange;
import org.vigil.console.terms.TermDiff;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * The wordlist policy: what is in force, edits, imports, restores, the change log and diffs. Every change is
 * validated with the real parser and compiled with the real matcher before anything is stored, so a malformed
 * list is refused (with file and line of every problem) and changes nothing. Every change is audit-logged in the
 * transaction that makes it.
 *
 * <p>Every change is made from a base version: the one the person looked at, or, for the methods that take none,
 * the one in force when they are called. If another version is in force when the change is written, nothing is
 * written and {@link PolicyConflict} says so: two edits from the same version make one new version, not one that
 * silently drops the other's change.
 */
public final class Policies {
    private static final Logger log = LoggerFactory.getLogger(Policies.class);
    static final String CONSOLE = "console";

    private final PolicyRepository store;
    private final AuditLog audit;
    private final Transactions transactions;
    private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<WordlistBundle>> checks = new CopyOnWriteArrayList<>();
    private String announced = "";
    private volatile EffectivePolicies effective = new EffectivePolicies(WordlistBundle.of(Map.of()));

    public Policies(PolicyRepository store, AuditLog audit, Transactions transactions) {
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
    }

    public void addListener(PolicyListener listener) {
        listeners.add(listener);
    }

    /**
     * Adds a check every new version must pass before it is stored, after its own validation (each school's changes
     * must still fit it: ADR 0193); the check throws {@link WordlistFormatException} to refuse it.
     */
    public void addCheck(Consumer<WordlistBundle> check) {
        checks.add(check);
    }

    /** On the console's first start, makes the shipped lists the first version. */
    public void seedIfEmpty(WordlistBundle defaults) {
        if (store.current().isEmpty()) {
            validated(defaults);
            // another process (a command) may seed first: then nothing is written here
            Optional<PolicyChange> seeded = transactions.inTransaction(() -> {
                Optional<PolicyChange> made = store.makeCurrent(defaults, Optional.empty(), PolicyAction.SEED,
                        CONSOLE, Optional.empty());
                made.ifPresent(change -> audit.record(CONSOLE, "policy.seed", target(change.version())));
                return made;
            });
            seeded.ifPresent(change -> log.info("policy seeded, version {}", change.version()));
        }
        synchronized (this) {
            announced = current().change().version();
        }
    }

    /**
     * Tells listeners about a version made current by another process on the same database (the
     * {@code wordlists} command), if there is one. Call it now and then.
     */
    public void announceChangesMadeElsewhere() {
        store.current().ifPresent(change -> announce(change.version(),
                () -> store.bundle(change.version()).orElseThrow()));
    }

    private synchronized void announce(String version, Supplier<WordlistBundle> bundle) {
        if (version.equals(announced)) {
            return;
        }
        announced = version;
        WordlistBundle files = bundle.get();
        for (PolicyListener listener : listeners) {
            listener.policyChanged(version, files);
        }
    }

    /** The version in force and its files. */
    public CurrentPolicy current() {
        PolicyChange change = store.current().orElseThrow(() -> new IllegalStateException("no policy seeded"));
        return new CurrentPolicy(change, store.bundle(change.version()).orElseThrow());
    }

    /**
     * The lists a device in this group (or in none) matches with under the policy in force: what it should report
     * running.
     */
    public WordlistBundle effective(Optional<String> group) {
        return effectivePolicies().forGroup(group);
    }

    /** Every group's lists under the policy in force, each worked out once per version. */
    public EffectivePolicies effectivePolicies() {
        PolicyChange change = store.current().orElseThrow(() -> new IllegalStateException("no policy seeded"));
        EffectivePolicies known = effective;
        if (!known.version().equals(change.version())) {
            known = new EffectivePolicies(store.bundle(change.version()).orElseThrow());
            effective = known;
        }
        return known;
    }

    /** The groups the policy in force has a file for. */
    public SortedSet<String> groups() {
        return current().bundle().groups();
    }

    /**
     * Replaces (or creates) a group's overrides file and publishes the result.
     *
     * @throws WordlistFormatException if the text (or the group id) cannot be used
     */
    public Outcome editGroup(String group, String text, String author, Optional<String> reason) {
        return editGroup(inForce(), group, text, author, reason);
    }

    /**
     * {@link #editGroup(String, String, String, Optional)} made from the version {@code base}.
     *
     * @throws PolicyConflict if another version is in force; nothing is written
     */
    public Outcome editGroup(String base, String group, String text, String author, Optional<String> reason) {
        String file = GroupOverrides.fileName(group);
        if (GroupOverrides.groupOf(file).isEmpty()) {
            throw new WordlistFormatException(file, 0,
                    "a group id is lower-case letters, digits and '-', starting with a letter, at most 41 long");
        }
        return publish(base, baseBundle(base).with(file, text), PolicyAction.EDIT, author, reason);
    }

    /**
     * Publishes the policy without a group's file: its devices then get the school's lists as they are.
     *
     * @throws NoSuchGroup if the policy in force has no such group
     */
    public Outcome removeGroup(String group, String author, Optional<String> reason) {
        return removeGroup(inForce(), group, author, reason);
    }

    /**
     * {@link #removeGroup(String, String, Optional)} made from the version {@code base}.
     *
     * @throws PolicyConflict if another version is in force; nothing is written
     */
    public Outcome removeGroup(String base, String group, String author, Optional<String> reason) {
        WordlistBundle current = baseBundle(base);
        if (!current.groups().contains(group)) {
            throw new NoSuchGroup(group);
        }
        return publish(base, current.without(GroupOverrides.fileName(group)), PolicyAction.EDIT, author, reason);
    }

    /**
     * Replaces one category's file with new text and publishes the result.
     *
     * @throws WordlistFormatException if the text (or the category id) is not a valid wordlist
     */
    public Outcome editCategory(String category, String text, String author, Optional<String> reason) {
        return editCategory(inForce(), category, text, author, reason);
    }

    /**
     * {@link #editCategory(String, String, String, Optional)} made from the version {@code base}: the other files
     * are that version's.
     *
     * @throws PolicyConflict if another version is in force; nothing is written
     */
    public Outcome editCategory(String base, String category, String text, String author, Optional<String> reason) {
        WordlistBundle edited = baseBundle(base).with(category + ".txt", text);
        return publish(base, edited, PolicyAction.EDIT, author, reason);
    }

    /**
     * Replaces every category file at once (an import): categories not named are gone from the new version.
     *
     * @throws WordlistFormatException if any file is not a valid wordlist
     */
    public Outcome importFiles(Map<String, String> files, String author, Optional<String> reason) {
        return importFiles(files, true, author, reason);
    }

    /**
     * Imports category files: the named categories are replaced (or added) and, unless {@code replaceAll}, every
     * other category is kept. Files in folders ({@code groups/…}) are not categories and are always kept as they
     * are. Nothing changes unless every file is valid.
     *
     * @throws WordlistFormatException if no file is given, a name is not {@code category.txt}, or any file is not
     *                                 a valid wordlist ({@link org.vigil.wordlists.WordlistProblems} lists them all)
     */
    public Outcome importFiles(Map<String, String> files, boolean replaceAll, String author, Optional<String> reason) {
        return importFiles(inForce(), files, replaceAll, author, reason);
    }

    /**
     * {@link #importFiles(Map, boolean, String, Optional)} made from the version {@code base}.
     *
     * @throws PolicyConflict if another version is in force; nothing is written
     */
    public Outcome importFiles(String base, Map<String, String> files, boolean replaceAll, String author,
                               Optional<String> reason) {
        if (files.isEmpty()) {
            throw new WordlistFormatException("import", 0, "no wordlist file to import");
        }
        for (String name : files.keySet()) {
            if (!isCategoryFile(name)) {
                throw new WordlistFormatException(name, 0, "an import holds category files (category.txt) only");
            }
        }
        return publish(base, imported(baseBundle(base), files, replaceAll), PolicyAction.IMPORT, author, reason);
    }

    /** The bundle an import makes: the files given, the current group files, and other categories if kept. */
    static WordlistBundle imported(WordlistBundle current, Map<String, String> files, boolean replaceAll) {
        SortedMap<String, String> merged = new TreeMap<>();
        current.files().forEach((name, text) -> {
            if (!replaceAll || !isCategoryFile(name)) {
                merged.put(name, text);
            }
        });
        merged.putAll(files);
        return new WordlistBundle(merged);
    }

    /**
     * A stored version for download, audit-logged as {@code policy.export} with the format as detail.
     *
     * @throws NoSuchVersion if no version has that id
     */
    public WordlistBundle export(String version, String author, String format) {
        return transactions.inTransaction(() -> {
            WordlistBundle bundle = store.bundle(version).orElseThrow(() -> new NoSuchVersion(version));
            audit.record(author, "policy.export", target(version), format);
            return bundle;
        });
    }

    static boolean isCategoryFile(String name) {
        return name.indexOf('/') < 0;
    }

    /**
     * Publishes a stored version again.
     *
     * @throws NoSuchVersion if no version has that id
     */
    public Outcome restore(String version, String author, Optional<String> reason) {
        return restore(inForce(), version, author, reason);
    }

    /**
     * {@link #restore(String, String, Optional)} decided while looking at the version {@code base}.
     *
     * @throws PolicyConflict if another version is in force; nothing is written
     */
    public Outcome restore(String base, String version, String author, Optional<String> reason) {
        WordlistBundle old = store.bundle(version).orElseThrow(() -> new NoSuchVersion(version));
        return publish(base, old, PolicyAction.RESTORE, author, reason);
    }

    public List<PolicyChange> changes(int limit) {
        return store.changes(limit);
    }

    public Optional<WordlistBundle> bundle(String version) {
        return store.bundle(version);
    }

    /**
     * Term-level changes from one stored version to another.
     *
     * @throws NoSuchVersion if either id names no version
     */
    public List<TermChange> diff(String fromVersion, String toVersion) {
        WordlistBundle from = store.bundle(fromVersion).orElseThrow(() -> new NoSuchVersion(fromVersion));
        WordlistBundle to = store.bundle(toVersion).orElseThrow(() -> new NoSuchVersion(toVersion));
        List<TermChange> changes = new ArrayList<>(TermDiff.between(from.wordlist(), to.wordlist()));
        changes.addAll(TermDiff.groupsBetween(from, to));
        return changes;
    }

    /** The version in force now: the base of a change that names none. */
    private String inForce() {
        return current().change().version();
    }

    /** The files of the version a change is made from; one no longer stored cannot be in force either. */
    private WordlistBundle baseBundle(String base) {
        return store.bundle(base).orElseThrow(() -> new PolicyConflict(base, inForce()));
    }

    /**
     * Validates (outside the transaction: compiling takes a while), then, in one transaction, checks that the base
     * is still in force, stores the version and the change and audits it. Listeners hear of it after the commit.
     */
    private Outcome publish(String base, WordlistBundle bundle, PolicyAction action, String author,
                            Optional<String> reason) {
        validated(bundle);
        checks.forEach(check -> check.accept(bundle));
        Optional<String> why = reason.map(String::strip).filter(text -> !text.isEmpty());
        Outcome outcome = transactions.inTransaction(() -> {
            PolicyChange inForce = store.current().orElseThrow(() -> new IllegalStateException("no policy seeded"));
            if (bundle.version().equals(inForce.version())) {
                return new Outcome(inForce, false);
            }
            PolicyChange change = store.makeCurrent(bundle, Optional.of(base), action, author, why)
                    .orElseThrow(() -> new PolicyConflict(base, inForce.version()));
            audit.record(author, "policy." + action.name().toLowerCase(Locale.ROOT), target(change.version()),
                    why.orElse(null));
            return new Outcome(change, true);
        });
        if (outcome.changed()) {
            String version = outcome.current().version();
            log.info("{} made policy version {} current ({})", author, version, action);
            transactions.afterCommit(() -> announce(version, () -> bundle));
        }
        return outcome;
    }

    /** Every group's lists are compiled too: a group file that breaks its group's lists is refused like any other. */
    static WordlistBundle validated(WordlistBundle bundle) {
        Matcher.compile(bundle.wordlist());
        for (String group : bundle.groups()) {
            Matcher.compile(bundle.forGroup(Optional.of(group)).wordlist());
        }
        return bundle;
    }

    private static String target(String version) {
        return "policy:" + version;
    }

    /** The policy in force. */
    public record CurrentPolicy(PolicyChange change, WordlistBundle bundle) {
    }

    /** The change log entry now in force; {@code changed} is false when the published text was already current. */
    public record Outcome(PolicyChange current, boolean changed) {
    }
}
