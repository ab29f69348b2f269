package org.vigil.console.proposals;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.PolicyConflict;
import org.vigil.console.policy.SchoolLayer;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.ExceptionProposal;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.ProposalStatus;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.ProposedException;
import org.vigil.console.terms.TermExceptions;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * False-positive feedback: the DSL proposes the exception that would have prevented a capture (with their consent,
 * as it is a few of a pupil's words), and IT accepts it into the next policy version in one step, or dismisses it.
 * Every proposal, acceptance and dismissal is audit-logged in the transaction that makes it; an acceptance, its
 * new policy version and both audit rows are one transaction.
 */
public final class ExceptionProposals {
    public static final int MAX_NOTE_LENGTH = 500;

    private final ProposalRepository store;
    private final Policies policies;
    private final SchoolPolicies schoolLists;
    private final AuditLog audit;
    private final Transactions transactions;
    /** The policy in force, compiled once per version: compiling every list takes a few hundred milliseconds. */
    private volatile Optional<Compiled> compiled = Optional.empty();

    public ExceptionProposals(ProposalRepository store, Policies policies, SchoolPolicies schoolLists, AuditLog audit,
                              Transactions transactions) {
        this.store = store;
        this.policies = policies;
        this.schoolLists = schoolLists;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** The exception the policy in force would need to keep this capture quiet, or why there is none. */
    public Proposal proposalFor(CapturedMatch capture) {
        Compiled current = current();
        return ExceptionProposer.propose(current.bundle(), current.matcher(), capture);
    }

    /**
     * Checks a phrase the DSL may have edited against the policy in force.
     *
     * @throws InvalidRequest saying why it would not do
     */
    public ProposedException check(CapturedMatch capture, String phrase) {
        Compiled current = current();
        return ExceptionProposer.check(current.bundle(), current.matcher(), capture, phrase);
    }

    /**
     * Records a checked exception for IT, for the capture's school; the same phrase for the same entry stays one
     * proposal per school.
     */
    public ProposalRepository.Proposed propose(String by, long captureId, ProposedException exception) {
        return transactions.inTransaction(() -> {
            ProposalRepository.Proposed proposed = store.propose(captureId, exception, by);
            if (proposed.created()) {
                audit.record(by, "proposal.create", target(proposed.proposal().id()), "from capture:" + captureId
                        + ": " + exception.category() + " | " + exception.termAsWritten() + " | except: "
                        + exception.phrase());
            }
            return proposed;
        });
    }

    /**
     * Adds the phrase to its term's exceptions and publishes the result: in the trust's category file in force when
     * {@code scope} is every school, else in the proposal's school's changes.
     *
     * @param scope the schools of the person accepting; the proposal must be one of theirs
     * @return the proposal, now accepted, naming the version it went into
     * @throws InvalidRequest if the proposal is not waiting, the term is gone or the result does not validate;
     *                        nothing changed
     * @throws PolicyConflict if the wordlists changed while it was being accepted; nothing changed
     */
    public synchronized ExceptionProposal accept(long id, SchoolScope scope, String by, Optional<String> note) {
        return transactions.inTransaction(() -> accepted(id, scope, by, note));
    }

    private ExceptionProposal accepted(long id, SchoolScope scope, String by, Optional<String> note) {
        ExceptionProposal proposal = waiting(id, scope);
        Optional<String> why = checkedNote(note);
        Optional<String> reason = Optional.of("false positive proposal #" + id + why.map(n -> ": " + n).orElse(""));
        String version = scope.wholeConsole() ? intoTrustLists(proposal, by, reason)
                : intoSchoolLists(proposal, by, reason);
        if (!store.decide(id, ProposalStatus.ACCEPTED, by, Optional.of(version), why)) {
            throw new IllegalStateException("proposal " + id + " was decided while it was being accepted");
        }
        audit.record(by, "proposal.accept", target(id), "policy:" + version + why.map(n -> ": " + n).orElse(""));
        return store.find(id).orElseThrow();
    }

    private String intoTrustLists(ExceptionProposal proposal, String by, Optional<String> reason) {
        String file = proposal.category() + ".txt";
        Policies.CurrentPolicy inForce = policies.current();
        WordlistBundle current = inForce.bundle();
        String text = Optional.ofNullable(current.files().get(file)).orElseThrow(() -> new InvalidRequest(
                "Not accepted, nothing changed: the category " + proposal.category()
                        + " is no longer in the wordlists."));
        Policies.Outcome outcome;
        try {
            String edited = TermExceptions.withException(file, text, proposal.term(), proposal.mode(),
                    proposal.phrase());
            outcome = policies.editCategory(inForce.change().version(), proposal.category(), edited, by, reason);
        } catch (InvalidRequest | WordlistFormatException e) {
            throw new InvalidRequest("Not accepted, nothing changed: " + e.getMessage());
        }
        return outcome.current().version();
    }

    private String intoSchoolLists(ExceptionProposal proposal, String by, Optional<String> reason) {
        long school = proposal.schoolId();
        SchoolPolicies.Layer layer = schoolLists.layer(school);
        String schoolFile = layer.files().files().getOrDefault(SchoolLayer.SCHOOL_FILE, "");
        try {
            String edited = SchoolExceptionEdit.schoolFileWith(policies.current().bundle(),
                    schoolLists.effective(school).policy(), schoolFile, proposal);
            return schoolLists.editFile(school, layer.version(), SchoolLayer.SCHOOL_FILE, edited, by, reason)
                    .current().version();
        } catch (WordlistFormatException e) {
            throw new InvalidRequest("Not accepted, nothing changed: " + e.getMessage());
        }
    }

    /**
     * Closes the proposal without changing the wordlists.
     *
     * @throws InvalidRequest if the proposal is not waiting
     */
    public synchronized ExceptionProposal dismiss(long id, SchoolScope scope, String by, Optional<String> note) {
        return transactions.inTransaction(() -> {
            waiting(id, scope);
            Optional<String> why = checkedNote(note);
            if (!store.decide(id, ProposalStatus.DISMISSED, by, Optional.empty(), why)) {
                throw new IllegalStateException("proposal " + id + " was decided while it was being dismissed");
            }
            audit.record(by, "proposal.dismiss", target(id), why.orElse(null));
            return store.find(id).orElseThrow();
        });
    }

    public List<ExceptionProposal> pending(SchoolScope scope, int limit) {
        return store.pending(scope, limit);
    }

    public List<ExceptionProposal> decided(SchoolScope scope, int limit) {
        return store.decided(scope, limit);
    }

    /** The proposal by that id, whatever its school (to tell another school's from none). */
    public Optional<ExceptionProposal> find(long id) {
        return store.find(id);
    }

    private Compiled current() {
        Policies.CurrentPolicy policy = policies.current();
        Optional<Compiled> cached = compiled;
        if (cached.isPresent() && cached.get().version().equals(policy.change().version())) {
            return cached.get();
        }
        Compiled fresh = new Compiled(policy.change().version(), policy.bundle(),
                Matcher.compile(policy.bundle().wordlist()));
        compiled = Optional.of(fresh);
        return fresh;
    }

    private ExceptionProposal waiting(long id, SchoolScope scope) {
        ExceptionProposal proposal = store.find(id).filter(p -> scope.includes(p.schoolId()))
                .orElseThrow(() -> new InvalidRequest("There is no exception proposal #" + id + "."));
        if (proposal.status() != ProposalStatus.PROPOSED) {
            throw new InvalidRequest("Proposal #" + id + " was already " + proposal.status().name()
                    .toLowerCase(Locale.ROOT) + " by " + proposal.decidedBy().orElse("someone") + "; nothing changed.");
        }
        return proposal;
    }

    private static Optional<String> checkedNote(Optional<String> note) {
        Optional<String> text = note.map(String::strip).filter(n -> !n.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_NOTE_LENGTH) {
            throw new InvalidRequest("A note is at most " + MAX_NOTE_LENGTH + " characters; nothing changed.");
        }
        if (text.isPresent() && text.get().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("A note is one line of text; nothing changed.");
        }
        return text;
    }

    private static String target(long id) {
        return "proposal:" + id;
    }

    /** A policy version with its compiled matcher. */
    private record Compiled(String version, WordlistBundle bundle, Matcher matcher) {
    }
}
