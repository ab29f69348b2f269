package org.vigil.console.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.MintedToken;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.TokenSummary;
import org.vigil.console.store.Transactions;

/**
 * IT's enrolment tokens, for the web page and the {@code tokens} command alike: made with a label and a validity
 * in days, listed with their state, revoked. Every change is audit-logged in its transaction; the secret is never
 * stored.
 */
public final class EnrolmentTokens {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;
    public static final int MAX_LABEL_LENGTH = 80;

    private final EnrolmentTokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final Transactions transactions;

    public EnrolmentTokens(EnrolmentTokenRepository tokens, AuditLog audit, Clock clock, Transactions transactions) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Makes a token valid for {@code days}; the devices it enrols join {@code group} (the caller checks that the
     * policy in force has it).
     *
     * @throws InvalidRequest if the label or the number of days is not acceptable; nothing is made
     */
    public MintedToken create(String actor, String label, int days, Optional<String> group) {
        return create(actor, label, days, group, School.FIRST);
    }

    /**
     * As {@link #create(String, String, int, Optional)}, for the school {@code schoolId}: the devices it enrols
     * belong to that school (the caller checks the actor may make tokens for it).
     */
    public MintedToken create(String actor, String label, int days, Optional<String> group, long schoolId) {
        String name = label == null ? "" : label.strip();
        if (name.length() > MAX_LABEL_LENGTH) {
            throw new InvalidRequest("Keep the label under " + MAX_LABEL_LENGTH + " characters.");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("The label must be one line of text.");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidRequest("A token is valid for 1 to " + MAX_DAYS + " days, not " + days + ".");
        }
        return transactions.inTransaction(() -> {
            MintedToken minted = tokens.mintWithId(Duration.ofDays(days), name, group, schoolId);
            audit.record(actor, "token.create", "token:" + minted.id(),
                    (name.isEmpty() ? "no label" : "label " + name) + "; valid " + days + " days"
                            + group.map(id -> "; group " + id).orElse("")
                            + (schoolId == School.FIRST ? "" : "; school " + schoolId));
            return minted;
        });
    }

    /** Every token, newest first, with its state now. */
    public List<TokenStatus> list() {
        return list(SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    /** The scope's schools' tokens, newest first, with their state now. */
    public List<TokenStatus> list(SchoolScope scope) {
        Instant now = clock.instant();
        return tokens.list(scope).stream().map(token -> new TokenStatus(token, state(token, now))).toList();
    }

    /**
     * @return true if the token is revoked now, false if it already was
     * @throws InvalidRequest if there is no such token
     */
    public boolean revoke(String actor, long id) {
        return revoke(actor, id, SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    /**
     * As {@link #revoke(String, long)} for someone with this scope: another school's token is no token to them.
     */
    public boolean revoke(String actor, long id, SchoolScope scope) {
        return transactions.inTransaction(() -> {
            TokenSummary token = tokens.list(scope).stream().filter(t -> t.id() == id).findFirst()
                    .orElseThrow(() -> new InvalidRequest("There is no enrolment token " + id + "."));
            if (token.revokedAt().isPresent() || !tokens.revoke(id)) {
                return false;
            }
            audit.record(actor, "token.revoke", "token:" + id, token.note().isEmpty() ? null
                    : "label " + token.note());
            return true;
        });
    }

    private static TokenState state(TokenSummary token, Instant now) {
        if (token.revokedAt().isPresent()) {
            return TokenState.REVOKED;
        }
        return token.expiresAt().isAfter(now) ? TokenState.USABLE : TokenState.EXPIRED;
    }
}
